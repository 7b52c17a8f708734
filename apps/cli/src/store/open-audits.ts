import type { AuditSummary, EventStorage } from "@phaser/events-core";

/**
 * The audits with an `audit_started`-era history but no end event
 * (`audit_completed` or `audit_abandoned`): still running, or stopped without
 * a chance to record their end (`run` killed with SIGKILL, a crash, power
 * loss). Oldest last event first. Empty for a store without `listAudits`.
 */
export async function openAudits(storage: EventStorage): Promise<AuditSummary[]> {
  if (storage.listAudits === undefined) return [];
  const audits = await storage.listAudits();
  return audits
    .filter((audit) => audit.outcome === null)
    .sort((a, b) =>
      a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0,
    );
}
