import type { EventRecord } from "@phaser/events-core";
import {
  checkRecord,
  type NormalizedQuery,
  strictTimestampKey,
} from "@phaser/events-core/store-kit";
import type pg from "pg";
import type { SqlNames } from "./sql-names.js";

/**
 * Appends validated records in one transaction: all or nothing. Appends to a
 * table take its advisory lock, so order numbers (`seq`) are handed out in
 * commit order and a reader that has seen `seq` n has seen every row below
 * it: that is what lets a watch read `WHERE seq > last` without gaps. An id
 * already stored is skipped (a retry after a lost acknowledgement). The
 * notification goes out with the commit. Resolves with the new rows' highest seq.
 */
export async function insertRecords(
  client: pg.ClientBase,
  names: SqlNames,
  records: readonly EventRecord[],
): Promise<number | undefined> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [names.appendLock]);
    // One JSON text for the whole batch (cheaper to send than an array of jsonb), zipped
    // with the instant keys; rows are inserted, and numbered, in batch order.
    const result = await client.query<{ seq: string }>(
      `INSERT INTO ${names.events} (id, type, audit_id, phase, "timestamp", ts_key, data, record)
       SELECT (u.r->>'id')::uuid, u.r->>'type', u.r->>'audit_id', (u.r->>'phase')::bigint,
              u.r->>'timestamp', u.k, u.r->'data', u.r
       FROM ROWS FROM (jsonb_array_elements($1::jsonb), unnest($2::bigint[])) WITH ORDINALITY AS u(r, k, n)
       ORDER BY u.n
       ON CONFLICT (id) DO NOTHING
       RETURNING seq`,
      [JSON.stringify(records), records.map((r) => String(strictTimestampKey(r.timestamp)))],
    );
    let last: number | undefined;
    for (const row of result.rows) last = Math.max(last ?? 0, Number(row.seq));
    if (last !== undefined) {
      await client.query("SELECT pg_notify($1, $2)", [names.channel, String(last)]);
    }
    await client.query("COMMIT");
    return last;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** The SELECT for a checked query: timestamp order, ties in append order, the earliest `limit`. */
export function selectSql(
  names: SqlNames,
  q: NormalizedQuery,
): { text: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    where.push(condition(`$${values.length}`));
  };
  if (q.auditId !== undefined) add((p) => `audit_id = ${p}`, q.auditId);
  if (q.eventType !== undefined) add((p) => `type = ${p}`, q.eventType);
  if (q.since !== undefined) add((p) => `ts_key >= ${p}::bigint`, String(q.since));
  if (q.until !== undefined) add((p) => `ts_key < ${p}::bigint`, String(q.until));
  let text = `SELECT seq, record FROM ${names.events}`;
  if (where.length > 0) text += ` WHERE ${where.join(" AND ")}`;
  text += q.descending ? " ORDER BY ts_key DESC, seq DESC" : " ORDER BY ts_key, seq";
  if (q.limit !== undefined) {
    values.push(q.limit);
    text += ` LIMIT $${values.length}`;
  }
  return { text, values };
}

/** A stored row back to a record: checked like anything read from outside. */
export function rowRecord(row: { seq: string | number; record: unknown }): EventRecord {
  return checkRecord(row.record, "stored", `Invalid event record at seq ${row.seq}`);
}
