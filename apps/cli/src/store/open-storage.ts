import type { EventStorage } from "@phaser/events-core";
import { JsonFileStorage, type StoreWarning } from "@phaser/events-store-json";
import type { Command } from "commander";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";
import { storeTargetOf } from "./store-target.js";

/** A store opened for one command, with where it is, for messages. */
export interface OpenedStore {
  readonly storage: EventStorage;
  /** The events file's path, or the database URL without its password. */
  readonly location: string;
}

const onWarning = (warning: StoreWarning) =>
  console.error(
    `phaser-events: warning: ${warning.path}: skipping record ${warning.index}: ${warning.message}`,
  );

/**
 * Opens the JSON store: `DIR/events.json` with `--store DIR`, else in the
 * resolved storage directory. For commands that only work on the file
 * (`doctor`); a PostgreSQL target is a usage error naming `what`.
 */
export function openJsonStorage(command: Command, what = command.name()): JsonFileStorage {
  const target = storeTargetOf(command);
  if (target.kind === "postgres") {
    throw new CliError(
      `${what} works on the JSON file store only; the store given is a PostgreSQL database`,
      EXIT_USAGE,
    );
  }
  return new JsonFileStorage(
    target.dir === undefined ? { onWarning } : { dir: target.dir, onWarning },
  );
}

/**
 * Opens the store the command line names: a PostgreSQL database
 * (`--store postgres://…` or `$PHASER_DATABASE_URL`; its driver is loaded only
 * then) or the JSON store.
 */
export async function openStorage(command: Command): Promise<OpenedStore> {
  const target = storeTargetOf(command);
  if (target.kind === "postgres") {
    const { PostgresStorage, redactConnectionString } = await import(
      "@phaser/events-store-postgres"
    );
    return {
      storage: new PostgresStorage({ connectionString: target.url }),
      location: redactConnectionString(target.url),
    };
  }
  const storage = openJsonStorage(command);
  return { storage, location: storage.path };
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
