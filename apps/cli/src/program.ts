import { Command } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { registerClearCommand } from "./commands/clear.js";
import { withCommonOptions } from "./commands/common-options.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerDoctorCommand } from "./commands/doctor.js";
import { registerEmitCommand } from "./commands/emit.js";
import { registerExportCommand } from "./commands/export.js";
import { registerInsightsCommand } from "./commands/insights.js";
import { registerListCommand } from "./commands/list.js";
import { registerMigrateCommand } from "./commands/migrate.js";
import { registerReplayCommand } from "./commands/replay.js";
import { registerRunCommand } from "./commands/run.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTailCommand } from "./commands/tail.js";
import { colorsEnabled } from "./format/colors.js";
import { terminalColumns } from "./format/terminal-width.js";
import { HELP } from "./help/help-texts.js";
import { cliIo } from "./io/cli-io.js";

/** The `phaser-events` program with every command, not yet given a command line (cli.ts does that). */
export function createProgram(): Command {
  const program = withCommonOptions(new Command("phaser-events"))
    .description(
      "Run audit plans and record every step as events; list, replay, follow, analyse and export them.",
    )
    .version(packageJson.version)
    .addHelpText("after", HELP.root)
    .showHelpAfterError("(run phaser-events --help for usage)")
    // Commander prints usage errors as `error: …`; say who is talking, as for every other error.
    .configureOutput({
      outputError: (text, write) => write(text.replace(/^error: /, "phaser-events: ")),
      // The streams and terminal of the command running now (main()'s), not always the process's.
      writeOut: (text) => cliIo().stdout.write(text),
      writeErr: (text) => cliIo().stderr.write(text),
      getOutHelpWidth: () => terminalColumns(cliIo().stdout) ?? 80,
      getErrHelpWidth: () => terminalColumns(cliIo().stderr) ?? 80,
      getOutHasColors: () => colorsEnabled(cliIo().env, cliIo().stdout.isTTY === true),
      getErrHasColors: () => colorsEnabled(cliIo().env, cliIo().stderr.isTTY === true),
    })
    // Throw instead of exiting, so every exit code is decided in one place.
    .exitOverride();

  registerRunCommand(program);
  registerDemoCommand(program);
  registerEmitCommand(program);
  registerListCommand(program);
  registerReplayCommand(program);
  registerTailCommand(program);
  registerExportCommand(program);
  registerInsightsCommand(program);
  registerServeCommand(program);
  registerDoctorCommand(program);
  registerMigrateCommand(program);
  registerClearCommand(program);
  return program;
}
