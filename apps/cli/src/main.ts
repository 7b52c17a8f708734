import { reportError } from "./errors/report-error.js";
import { type CliIo, processIo, setExitCode, withCliIo } from "./io/cli-io.js";
import { createProgram } from "./program.js";

/**
 * Runs `phaser-events` with `args` (what follows the program's name) and
 * resolves with its exit code: the whole command line, from parsing to the
 * last line printed, with `io` for its streams, environment and working
 * directory. `cli.ts` gives it the process's own; the tests give it buffers,
 * to run the same program without starting a process for each command.
 */
export function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  return withCliIo(io, async () => {
    try {
      await createProgram().parseAsync([...args], { from: "user" });
    } catch (error) {
      setExitCode(reportError(error, (line) => io.stderr.write(`${line}\n`)));
    }
  });
}
