import { type AuditSummary, buildAuditSummary, recordsByAudit } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";

/**
 * The summaries of the audits in `records`, in the order of their first
 * record: just `auditId`'s when one was asked for (`--audit`), else every
 * audit's. Records are split by audit first, so each audit is read once.
 */
export function auditSummaries(records: readonly EventRecord[], auditId?: string): AuditSummary[] {
  const own = auditId === undefined ? records : records.filter((r) => r.audit_id === auditId);
  return [...recordsByAudit(own)].flatMap(([id, ofAudit]) => buildAuditSummary(ofAudit, id) ?? []);
}

/** The end of a failed run's output a summary and an annotation show: lines, and UTF-8 bytes. */
export const OUTPUT_TAIL_LINES = 30;
export const OUTPUT_TAIL_BYTES = 4 * 1024;
