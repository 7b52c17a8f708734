import type { EventRecord } from "@phaser/events-core";
import type { Command } from "commander";
import { CliError } from "../errors/cli-error.js";
import { formatEventLine } from "../format/event-line.js";
import { printableMessage } from "../format/printable.js";
import { printErrorLine, printLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { lastEvents as lastOf } from "../store/last-events.js";
import { withStorage } from "../store/open-storage.js";
import { resolveAuditId } from "../store/resolve-audit.js";
import {
  type CommonOptions,
  commonOptionsOf,
  printJson,
  withCommonOptions,
} from "./common-options.js";
import { parseLimit } from "./option-parsers.js";
import { waitForStopSignal } from "./stop-signal.js";

interface TailOptions extends CommonOptions {
  readonly audit?: string;
  readonly follow?: boolean;
  readonly lines: number;
}

/**
 * `phaser-events tail`: the last events, and with `--follow` every event any
 * process appends afterwards, until SIGINT or SIGTERM.
 */
export function registerTailCommand(program: Command): void {
  withCommonOptions(program.command("tail"))
    .addHelpText("after", HELP.tail)
    .description("print the last events; with --follow, keep printing new ones as they are stored")
    .option("--audit <id>", "only the events of this audit (`latest`: the last one started)")
    .option("-f, --follow", "keep printing events other processes append, until Ctrl-C")
    .option("-n, --lines <n>", "how many stored events to print first", parseLimit, 10)
    .action(async (options: TailOptions, command: Command) => {
      const json = commonOptionsOf(command).json === true;
      const print = (record: EventRecord) => {
        if (json) printJson(record);
        else printLine(formatEventLine(record));
      };
      await withStorage(command, async (storage, location) => {
        const auditId =
          options.audit === undefined
            ? undefined
            : await resolveAuditId(storage, options.audit, location);
        if (options.follow !== true) {
          for (const record of await lastOf(storage, auditId, options.lines)) print(record);
          return;
        }
        if (storage.watch === undefined)
          throw new CliError(`the store at ${location} cannot be followed`);
        // Start watching before reading the history, so nothing written in between is missed;
        // what the watch sees before the history is printed waits, and duplicates are dropped.
        let shown: Set<string> | undefined;
        const waiting: EventRecord[] = [];
        const stopped = waitForStopSignal();
        const watch = storage.watch(
          (record) => {
            if (shown === undefined) waiting.push(record);
            else if (!shown.has(record.id)) print(record);
          },
          {
            auditId,
            onError: (error) => printErrorLine(`phaser-events: ${printableMessage(error.message)}`),
          },
        );
        await watch.ready;
        const history = await lastOf(storage, auditId, options.lines);
        for (const record of history) print(record);
        shown = new Set(history.map((record) => record.id));
        for (const record of waiting.splice(0)) if (!shown.has(record.id)) print(record);
        await stopped;
        await watch.stop();
      });
    });
}
