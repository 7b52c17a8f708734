import type { WatchSource } from "@phaser/events-core/store-kit";
import type pg from "pg";
import { rowRecord } from "./event-sql.js";
import { listenChannel } from "./listen-channel.js";
import type { SqlNames } from "./sql-names.js";
import { encodeText } from "./text-encoding.js";

/** What a watch needs from its store. */
export interface WatchedTable {
  readonly pool: pg.Pool;
  readonly names: SqlNames;
  /** How often the table is read when no notification came, in ms. */
  readonly pollMs: number;
  /** Resolves once the schema is migrated. */
  ready(): Promise<void>;
  wrap(error: unknown, doing: string): Error;
}

/** Rows read per query while catching up. */
const PAGE = 500;

/**
 * How a watch reads the events table (core's `runWatch` runs the loop):
 * every row with `seq` above the watch's position, in `seq` order, a page at
 * a time. Appends take the table's advisory lock, so `seq` follows commit
 * order and `WHERE seq > last` misses nothing; a notification (LISTEN) only
 * wakes the watch early, and the poll reads anyway, so a lost, coalesced or
 * dropped notification loses nothing. Positions are `seq`, which has holes
 * of its own (rolled back or skipped inserts), so the source is not dense.
 */
export function tableSource(table: WatchedTable): WatchSource {
  const { pool, names } = table;
  return {
    dense: false,
    pollMs: table.pollMs,
    store: "postgres",
    async end() {
      await table.ready();
      const max = await pool.query<{ seq: string }>(
        `SELECT coalesce(max(seq), 0) AS seq FROM ${names.events}`,
      );
      return Number(max.rows[0]?.seq ?? 0);
    },
    async readAfter(after, auditId) {
      await table.ready();
      const values: unknown[] = [String(after), PAGE];
      let sql = `SELECT seq, record FROM ${names.events} WHERE seq > $1::bigint`;
      if (auditId !== undefined) {
        values.push(encodeText(auditId)); // stored as `insertRecords` wrote it
        sql += " AND audit_id = $3";
      }
      const { rows } = await pool.query<{ seq: string; record: unknown }>(
        `${sql} ORDER BY seq LIMIT $2`,
        values,
      );
      return {
        entries: rows.map((row) => ({ seq: Number(row.seq), record: rowRecord(row) })),
        more: rows.length === PAGE,
      };
    },
    listen: (wake, report) =>
      listenChannel(pool, names.channel, wake, (error) =>
        report(table.wrap(error, "keep the watch's LISTEN connection")),
      ),
    wrap: (error) => table.wrap(error, "read new events for a watch"),
  };
}
