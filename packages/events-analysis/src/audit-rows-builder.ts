import type { EventRecord } from "@phaser/events-core";
import type { AuditRow } from "./audit-row.js";
import { AuditRowState } from "./audit-row-state.js";

/**
 * Builds {@link AuditRow}s one record at a time, e.g. from a store's `watch`.
 * Adding a record costs a few map look-ups, never a rescan of its audit; memory
 * grows per audit, per phase and per verification command, never per record.
 * Records may arrive in any order: a row is the same whatever order its
 * records came in (records with the same timestamp count in arrival order).
 * A record added twice counts twice: dedupe by `id` before adding if the
 * source can repeat one.
 */
export class AuditRowsBuilder {
  readonly #audits = new Map<string, AuditRowState>();
  #seen = 0;

  /** Adds a record; returns its audit's updated row. */
  add(record: EventRecord): AuditRow {
    const seen = this.#seen++;
    let audit = this.#audits.get(record.audit_id);
    if (audit === undefined) {
      audit = new AuditRowState(record.audit_id, seen);
      this.#audits.set(record.audit_id, audit);
    }
    audit.add(record, seen);
    return audit.row();
  }

  /** The audit's row, if any of its records was added. */
  get(auditId: string): AuditRow | undefined {
    return this.#audits.get(auditId)?.row();
  }

  /** Every audit's row, newest first by `startedAt`; audits that started at the same instant, the one seen later first. */
  rows(): AuditRow[] {
    return [...this.#audits.values()]
      .sort((a, b) =>
        a.startMs === b.startMs ? b.firstSeen - a.firstSeen : a.startMs < b.startMs ? 1 : -1,
      )
      .map((audit) => audit.row());
  }

  /** Forgets an audit; `true` if it had one. Records of it added later start a new row. */
  delete(auditId: string): boolean {
    return this.#audits.delete(auditId);
  }
}

/** The rows of every audit in `records` (any order), newest first: see {@link AuditRowsBuilder}. */
export function auditRows(records: readonly EventRecord[]): AuditRow[] {
  const builder = new AuditRowsBuilder();
  for (const record of records) builder.add(record);
  return builder.rows();
}
