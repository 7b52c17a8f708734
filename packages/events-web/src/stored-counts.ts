import type { EventStorage } from "@phaser/events-core";

/** How many records the store holds per audit: its `listAudits` where it has one, else one read of everything. */
export async function storedCounts(storage: EventStorage): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (typeof storage.listAudits === "function") {
    for (const audit of await storage.listAudits()) counts.set(audit.auditId, audit.eventCount);
    return counts;
  }
  for (const record of await storage.getEvents()) {
    counts.set(record.audit_id, (counts.get(record.audit_id) ?? 0) + 1);
  }
  return counts;
}
