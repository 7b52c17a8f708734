import type { Command } from "commander";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";
import { printLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { withStorage } from "../store/open-storage.js";
import {
  type CommonOptions,
  commonOptionsOf,
  printJson,
  withCommonOptions,
} from "./common-options.js";
import { parseInstant, TIME_FORMS } from "./option-parsers.js";

interface ClearOptions extends CommonOptions {
  readonly before?: string;
  readonly yes?: boolean;
}

/**
 * `phaser-events clear --before DATE --yes`: removes the events strictly
 * before DATE. Without `--yes` it only counts them and exits with 2; without
 * `--before` it refuses (clearing everything must be explicit).
 */
export function registerClearCommand(program: Command): void {
  withCommonOptions(program.command("clear"))
    .addHelpText("after", HELP.clear)
    .description("remove the events before a date (needs --before and --yes)")
    .option("--before <time>", `remove events strictly before this time: ${TIME_FORMS}`, (v) =>
      parseInstant(v),
    )
    .option("--yes", "really remove them (without it, only say how many would go)")
    .action(async (options: ClearOptions, command: Command) => {
      const { before } = options;
      if (before === undefined) {
        throw new CliError(
          "clear needs --before DATE (an ISO date or time, UTC unless it has an offset, or 30d ago); to remove every event, give a date in the future",
          EXIT_USAGE,
        );
      }
      const json = commonOptionsOf(command).json === true;
      await withStorage(command, async (storage, location) => {
        if (options.yes !== true) {
          const count = (await storage.getEvents({ until: before })).length;
          if (json) printJson({ removed: 0, wouldRemove: count, before });
          throw new CliError(
            `would remove ${count} event${count === 1 ? "" : "s"} before ${before} from ${location}; nothing was changed: add --yes to remove them`,
            EXIT_USAGE,
          );
        }
        const removed = await storage.clearEvents({ before });
        if (json) printJson({ removed, before });
        else
          printLine(
            `removed ${removed} event${removed === 1 ? "" : "s"} before ${before} from ${location}`,
          );
      });
    });
}
