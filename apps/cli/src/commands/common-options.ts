import type { Command } from "commander";
import { jsonLine } from "../format/json-line.js";
import { cliIo } from "../io/cli-io.js";

/** The options every command takes. */
export interface CommonOptions {
  /** Storage directory (events in DIR/events.json) or PostgreSQL connection string, overriding the resolved one. */
  readonly store?: string;
  /** Machine output: JSON for one result, NDJSON for streams. */
  readonly json?: boolean;
}

/** Adds `--store DIR|URL` and `--json` to a command. */
export function withCommonOptions(command: Command): Command {
  return command
    .option(
      "--store <dir|url>",
      "events in <dir>/events.json, or a PostgreSQL database: postgres://…, postgresql://… or 'host=… dbname=…' (default: $PHASER_DATABASE_URL, else the storage directory)",
    )
    .option(
      "--json",
      "machine output: JSON for one result, NDJSON (one JSON value per line) for streams",
    );
}

/** The common options as the command line gave them, wherever they were given (before or after the command). */
export function commonOptionsOf(command: Command): CommonOptions {
  return command.optsWithGlobals<CommonOptions>();
}

/**
 * Prints one value as JSON on one line (NDJSON when called once per stream
 * element): exactly the value, with no character a terminal acts on left raw.
 */
export function printJson(value: unknown): void {
  cliIo().stdout.write(jsonLine(value));
}
