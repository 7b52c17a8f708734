import { EVENT_TYPES, type EventQuery } from "@phaser/events-core";
import { type Command, Option } from "commander";
import { formatEventLine } from "../format/event-line.js";
import { withStorage } from "../store/open-storage.js";
import { parseInstant, parseLimit } from "./option-parsers.js";

interface ListOptions {
  readonly audit?: string;
  readonly type?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
  readonly json?: boolean;
}

/** `phaser-events list`: stored events, oldest first, as lines or as a JSON array of wire records. */
export function registerListCommand(program: Command): void {
  program
    .command("list")
    .description("print stored events, oldest first")
    .option("--audit <id>", "only the events of this audit")
    .addOption(new Option("--type <type>", "only events of this type").choices(EVENT_TYPES))
    .option("--since <iso>", "only events at or after this instant", parseInstant)
    .option("--until <iso>", "only events before this instant", parseInstant)
    .option("--limit <n>", "at most this many events (the earliest)", parseLimit)
    .option("--json", "print a JSON array of wire records")
    .action(async (options: ListOptions, command: Command) => {
      const query: EventQuery = {
        auditId: options.audit,
        eventType: options.type,
        since: options.since,
        until: options.until,
        limit: options.limit,
      };
      const records = await withStorage(command, (storage) => storage.getEvents(query));
      if (options.json === true) {
        console.log(JSON.stringify(records, null, 2));
        return;
      }
      for (const record of records) console.log(formatEventLine(record));
      if (records.length === 0) console.error("phaser-events: no events match");
    });
}
