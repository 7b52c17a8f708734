import { type EventRecord, StorageError } from "@phaser/events-core";
import {
  checkRecord,
  type NormalizedQuery,
  strictTimestampKey,
} from "@phaser/events-core/store-kit";
import type pg from "pg";
import { type AppendTimeouts, appendTimeouts } from "./append-timeouts.js";
import { PostgresLockTimeoutError } from "./errors/lock-timeout-error.js";
import type { SqlNames } from "./sql-names.js";
import { decodeJson, encodeJson, encodeText } from "./text-encoding.js";

/** SQLSTATE 55P03, lock_not_available: a lock wait ran past `lock_timeout`. */
const LOCK_NOT_AVAILABLE = "55P03";

/**
 * Appends validated records in one transaction: all or nothing. Appends to a
 * table take its advisory lock, so order numbers (`seq`) are handed out in
 * commit order and a reader that has seen `seq` n has seen every row below
 * it: that is what lets a watch read `WHERE seq > last` without gaps. An id
 * already stored is skipped (a retry after a lost acknowledgement). The
 * notification goes out with the commit. Resolves with the new rows' highest seq.
 *
 * A writer stalled inside its transaction would hold the lock, and every
 * other append, forever. So the transaction waits at most `lockTimeoutMs` for
 * any lock (then {@link PostgresLockTimeoutError}, nothing stored) and the
 * server ends its session when it sits idle `idleInTransactionTimeoutMs`,
 * which rolls the batch back and frees the lock. Both are `SET LOCAL`: a
 * pooled connection goes back to its own settings at COMMIT or ROLLBACK.
 */
export async function insertRecords(
  client: pg.ClientBase,
  names: SqlNames,
  records: readonly EventRecord[],
  timeouts: AppendTimeouts = appendTimeouts({}),
): Promise<number | undefined> {
  // Built before the lock is taken, so the lock is never held while it is.
  // Strings jsonb cannot hold are escaped (text-encoding.ts).
  const batch = JSON.stringify(records.map(encodeJson));
  const keys = records.map((r) => String(strictTimestampKey(r.timestamp)));
  try {
    // One round trip; every value inlined is a checked integer of ours.
    await client.query(
      `BEGIN;
       SET LOCAL lock_timeout = ${timeouts.lockTimeoutMs};
       SET LOCAL idle_in_transaction_session_timeout = ${timeouts.idleInTransactionTimeoutMs};
       SELECT pg_advisory_xact_lock(${BigInt(names.appendLock)}::bigint)`,
    );
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
      [batch, keys],
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
    if ((error as { code?: unknown } | null)?.code === LOCK_NOT_AVAILABLE) {
      const cause = Object.assign(new Error((error as Error).message), {
        code: LOCK_NOT_AVAILABLE,
      });
      throw new PostgresLockTimeoutError(names.events, timeouts.lockTimeoutMs, { cause });
    }
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
  // Compared as stored: an id with text jsonb cannot hold is stored escaped.
  if (q.auditId !== undefined) add((p) => `audit_id = ${p}`, encodeText(q.auditId));
  if (q.eventType !== undefined) add((p) => `type = ${p}`, encodeText(q.eventType));
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

/**
 * A stored row back to a record, escaped text decoded (getEvents and every
 * watch read through here): checked like anything read from outside.
 */
export function rowRecord(row: { seq: string | number; record: unknown }): EventRecord {
  let record: unknown;
  try {
    record = decodeJson(row.record);
  } catch (error) {
    throw new StorageError(`Invalid event record at seq ${row.seq}: ${(error as Error).message}`, {
      store: "postgres",
    });
  }
  return checkRecord(record, "stored", `Invalid event record at seq ${row.seq}`);
}
