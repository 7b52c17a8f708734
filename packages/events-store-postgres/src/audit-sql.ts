import type { AuditSummary, ListAuditsOptions } from "@phaser/events-core";
import { rowRecord } from "./event-sql.js";
import type { SqlNames } from "./sql-names.js";
import { decodeText } from "./text-encoding.js";

type AuditRow = [
  auditId: string,
  eventCount: string,
  firstTimestamp: string,
  lastTimestamp: string,
  startedSeq: string | null,
  started: unknown,
  endType: string | null,
];

/**
 * `listAudits` in one statement: the audits grouped and ordered on the
 * server (newest first: by earliest instant, then the audit whose first row
 * was appended later), and for only the audits returned, their first and
 * last rows, first `audit_started` and latest ending, each found through the
 * `(audit_id, ts_key, seq)` index. The prefix is matched with `starts_with`,
 * so `%` and `_` in it are plain characters.
 */
export function listAuditsSql(
  names: SqlNames,
  options: ListAuditsOptions,
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  let where = "";
  if (options.prefix !== undefined && options.prefix !== "") {
    values.push(options.prefix);
    where = `WHERE starts_with(audit_id, $${values.length})`;
  }
  let limit = "";
  if (options.limit !== undefined) {
    values.push(options.limit);
    limit = `LIMIT $${values.length}`;
  }
  const t = names.events;
  const text = `
    WITH audits AS (
      SELECT audit_id, count(*) AS n, min(ts_key) AS first_key, min(seq) AS first_seq
      FROM ${t} ${where}
      GROUP BY audit_id
      ORDER BY first_key DESC, first_seq DESC
      ${limit}
    )
    SELECT a.audit_id, a.n, f."timestamp", l."timestamp", s.seq, s.record, e.type
    FROM audits a
    CROSS JOIN LATERAL (SELECT "timestamp" FROM ${t} WHERE audit_id = a.audit_id
                        ORDER BY ts_key, seq LIMIT 1) f
    CROSS JOIN LATERAL (SELECT "timestamp" FROM ${t} WHERE audit_id = a.audit_id
                        ORDER BY ts_key DESC, seq DESC LIMIT 1) l
    LEFT JOIN LATERAL (SELECT seq, record FROM ${t} WHERE audit_id = a.audit_id
                       AND type = 'audit_started' ORDER BY ts_key, seq LIMIT 1) s ON true
    LEFT JOIN LATERAL (SELECT type FROM ${t} WHERE audit_id = a.audit_id
                       AND type IN ('audit_completed', 'audit_abandoned')
                       ORDER BY ts_key DESC, seq DESC LIMIT 1) e ON true
    ORDER BY a.first_key DESC, a.first_seq DESC`;
  return { text, values };
}

/** One row of {@link listAuditsSql} as a summary; the started record is read like any row. */
export function auditSummary(row: AuditRow): AuditSummary {
  const [auditId, n, first, last, startedSeq, started, endType] = row;
  const data =
    startedSeq === null ? undefined : rowRecord({ seq: startedSeq, record: started }).data;
  return {
    // The columns hold text as `insertRecords` encoded it (see text-encoding.ts).
    auditId: decodeText(auditId),
    firstTimestamp: decodeText(first),
    lastTimestamp: decodeText(last),
    eventCount: Number(n),
    project: typeof data?.project === "string" ? data.project : null,
    slug: typeof data?.slug === "string" ? data.slug : null,
    outcome:
      endType === "audit_completed"
        ? "completed"
        : endType === "audit_abandoned"
          ? "abandoned"
          : null,
  };
}

export type { AuditRow };
