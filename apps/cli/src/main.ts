import { reportError } from "./errors/report-error.js";
import { type CliIo, cliIo, setExitCode, withCliIo } from "./io/cli-io.js";
import { createProgram } from "./program.js";

/**
 * Runs `phaser-events` with `args` (what follows the program's name) and
 * resolves with its exit code: the whole command line, from parsing to the
 * last line printed. Without `io` it is the process's own (`cli.ts`); with
 * one, its streams, environment and working directory are the caller's (the
 * tests run the same program that way, without starting a process for each
 * command).
 */
export async function main(args: readonly string[], io?: CliIo): Promise<number> {
  if (io !== undefined) return withCliIo(io, () => runProgram(args));
  // The process's own: no AsyncLocalStorage, whose async hooks Node 20 would run on every promise.
  await runProgram(args);
  return typeof process.exitCode === "number" ? process.exitCode : 0;
}

async function runProgram(args: readonly string[]): Promise<void> {
  try {
    await createProgram().parseAsync([...args], { from: "user" });
  } catch (error) {
    setExitCode(reportError(error, (line) => cliIo().stderr.write(`${line}\n`)));
  }
}
