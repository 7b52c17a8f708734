import type { EventStorage } from "@phaser/events-core";

/**
 * Makes sure the store can be used before work starts (a file it cannot
 * understand, a server it cannot reach, a schema newer than this code): the
 * store's `open()` where it has one; otherwise a one-event read, which any
 * store must answer from the store itself.
 */
export async function ensureStoreUsable(storage: EventStorage): Promise<void> {
  if (storage.open !== undefined) await storage.open();
  else await storage.getEvents({ limit: 1 });
}
