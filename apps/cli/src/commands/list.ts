import { EVENT_TYPES, type EventQuery } from "@phaser/events-core";
import { type Command, Option } from "commander";
import { formatEventLine } from "../format/event-line.js";
import { printErrorLine, printLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { withStorage } from "../store/open-storage.js";
import { resolveAuditId } from "../store/resolve-audit.js";
import {
  type CommonOptions,
  commonOptionsOf,
  printJson,
  withCommonOptions,
} from "./common-options.js";
import { parseInstant, parseLimit, TIME_FORMS } from "./option-parsers.js";

interface ListOptions extends CommonOptions {
  readonly audit?: string;
  readonly type?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
}

/** `phaser-events list`: stored events, oldest first, as lines or as NDJSON wire records. */
export function registerListCommand(program: Command): void {
  withCommonOptions(program.command("list"))
    .addHelpText("after", HELP.list)
    .description("print stored events, oldest first")
    .option("--audit <id>", "only the events of this audit (`latest`: the last one started)")
    .addOption(new Option("--type <type>", "only events of this type").choices(EVENT_TYPES))
    .option("--since <time>", `only events at or after this time: ${TIME_FORMS}`, (v) =>
      parseInstant(v),
    )
    .option("--until <time>", `only events before this time: ${TIME_FORMS}`, (v) => parseInstant(v))
    .option("--limit <n>", "at most this many events (the earliest)", parseLimit)
    .action(async (options: ListOptions, command: Command) => {
      const records = await withStorage(command, async (storage, location) => {
        const query: EventQuery = {
          auditId:
            options.audit === undefined
              ? undefined
              : await resolveAuditId(storage, options.audit, location),
          eventType: options.type,
          since: options.since,
          until: options.until,
          limit: options.limit,
        };
        return storage.getEvents(query);
      });
      if (commonOptionsOf(command).json === true) {
        for (const record of records) printJson(record);
        return;
      }
      for (const record of records) printLine(formatEventLine(record));
      if (records.length === 0) printErrorLine("phaser-events: no events match");
    });
}
