import type { EventRecord, EventStorage } from "@phaser/events-core";

/**
 * The last `count` records (of one audit when `auditId` is given), oldest
 * first: read latest-first with a limit, so a store never hands over its
 * whole log for `tail -n`.
 */
export async function lastEvents(
  storage: EventStorage,
  auditId: string | undefined,
  count: number,
): Promise<EventRecord[]> {
  if (count === 0) return [];
  return (await storage.getEvents({ auditId, order: "desc", limit: count })).reverse();
}
