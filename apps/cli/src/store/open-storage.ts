import { JsonFileStorage } from "@phaser/events-store-json";
import type { Command } from "commander";

/** The `--store DIR` global option, seen from any subcommand. */
export function storeDirOf(command: Command): string | undefined {
  return command.optsWithGlobals<{ store?: string }>().store;
}

/**
 * Opens the JSON store (`DIR/events.json` with `--store DIR`, else the
 * resolved storage directory), hands it to `task` and closes it afterwards.
 */
export async function withStorage<T>(
  command: Command,
  task: (storage: JsonFileStorage) => Promise<T>,
): Promise<T> {
  const dir = storeDirOf(command);
  const storage = dir === undefined ? new JsonFileStorage() : new JsonFileStorage({ dir });
  try {
    return await task(storage);
  } finally {
    await storage.close();
  }
}
