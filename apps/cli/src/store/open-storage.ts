import { resolve } from "node:path";
import type { EventStorage } from "@phaser/events-core";
import { JsonFileStorage, resolveStorageDir, type StoreWarning } from "@phaser/events-store-json";
import type { PostgresStorage } from "@phaser/events-store-postgres";
import type { Command } from "commander";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";
import { printableMessage } from "../format/printable.js";
import { printErrorLine } from "../format/terminal-output.js";
import { cliIo } from "../io/cli-io.js";
import { storeTargetOf } from "./store-target.js";

/** A store opened for one command, with where it is, for messages. */
export interface OpenedStore {
  readonly storage: EventStorage;
  /** The events file's path, or the database URL without its password. */
  readonly location: string;
}

const onWarning = (warning: StoreWarning) =>
  printErrorLine(
    printableMessage(
      `phaser-events: warning: ${warning.path}: skipping record ${warning.index}: ${warning.message}`,
    ),
  );

/**
 * Opens the JSON store: `DIR/events.json` with `--store DIR`, else in the
 * resolved storage directory. For commands that only work on the file
 * (`doctor`); a PostgreSQL target is a usage error naming `what`, and so is a
 * URL of a mistyped scheme (no folder is made of it).
 */
export async function openJsonStorage(
  command: Command,
  what = command.name(),
): Promise<JsonFileStorage> {
  const target = await storeTargetOf(command);
  if (target.kind === "postgres") {
    throw new CliError(
      `${what} works on the JSON file store only; the store given is a PostgreSQL database`,
      EXIT_USAGE,
    );
  }
  // Relative to the command's folder, found from its environment (`resolveStorageDir`).
  const { cwd, env } = cliIo();
  const dir =
    target.dir === undefined
      ? resolveStorageDir({ cwd, env, home: env.HOME || undefined })
      : resolve(cwd, target.dir);
  return new JsonFileStorage({ dir, onWarning });
}

/**
 * Opens the store the command line names: a PostgreSQL database
 * (`--store postgres://…`, `--store 'host=… dbname=…'` or
 * `$PHASER_DATABASE_URL`; its driver is loaded only then) or the JSON store.
 * A connection string the store refuses (a mistyped scheme, a password to
 * percent-encode) is a usage error (exit 2) and creates nothing.
 */
export async function openStorage(command: Command): Promise<OpenedStore> {
  const target = await storeTargetOf(command);
  if (target.kind === "postgres") {
    return { storage: await openPostgres(target.url), location: await redacted(target.url) };
  }
  const storage = await openJsonStorage(command);
  return { storage, location: storage.path };
}

/** A PostgreSQL store for `url`; a string it refuses is a usage error, its message free of the password. */
export async function openPostgres(url: string): Promise<PostgresStorage> {
  const { PostgresStorage, isPostgresConnectionStringError } = await import(
    "@phaser/events-store-postgres"
  );
  try {
    return new PostgresStorage({ connectionString: url });
  } catch (error) {
    if (isPostgresConnectionStringError(error)) throw new CliError(error.message, EXIT_USAGE);
    throw error;
  }
}

/** The URL for messages, without its password. */
export async function redacted(url: string): Promise<string> {
  const { redactConnectionString } = await import("@phaser/events-store-postgres");
  return redactConnectionString(url);
}

/** Opens the store, hands it to `task` and closes it afterwards. */
export async function withStorage<T>(
  command: Command,
  task: (storage: EventStorage, location: string) => Promise<T>,
): Promise<T> {
  const { storage, location } = await openStorage(command);
  try {
    return await task(storage, location);
  } finally {
    await storage.close?.();
  }
}
