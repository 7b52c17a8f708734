import type { EventStorage } from "@phaser/events-core";
import { JsonFileStorage, type StoreWarning } from "@phaser/events-store-json";
import type { Command } from "commander";
import { commonOptionsOf } from "../commands/common-options.js";

/** A store opened for one command, with where it is, for messages. */
export interface OpenedStore {
  readonly storage: EventStorage;
  /** The events file's path, or the database URL without its password. */
  readonly location: string;
}

/** The `--store DIR` option, from before or after the command name. */
export function storeDirOf(command: Command): string | undefined {
  return commonOptionsOf(command).store;
}

/** Opens the JSON store: `DIR/events.json` with `--store DIR`, else in the resolved storage directory. */
export function openJsonStorage(command: Command): JsonFileStorage {
  const dir = storeDirOf(command);
  const onWarning = (warning: StoreWarning) =>
    console.error(
      `phaser-events: warning: ${warning.path}: skipping record ${warning.index}: ${warning.message}`,
    );
  return dir === undefined
    ? new JsonFileStorage({ onWarning })
    : new JsonFileStorage({ dir, onWarning });
}

/** Opens the store the command line names. */
export async function openStorage(command: Command): Promise<OpenedStore> {
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
