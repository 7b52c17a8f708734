import type { StorageError, Unwatch, WatchListener, WatchOptions } from "@phaser/events-core";
import type pg from "pg";
import { rowRecord } from "./event-sql.js";
import { quoteIdent, type SqlNames } from "./sql-names.js";

/** What a watch needs from its store. */
export interface WatchSource {
  readonly pool: pg.Pool;
  readonly names: SqlNames;
  /** How often the table is read when no notification came, in ms. */
  readonly pollMs: number;
  /** Resolves once the schema is migrated. */
  ready(): Promise<void>;
  wrap(error: unknown, doing: string): StorageError;
}

/** Rows read per query while catching up. */
const PAGE = 500;
const MIN_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 5000;

/**
 * Delivers every row appended to the table, by any process, once and in
 * order of `seq`. A LISTEN connection says when to look; what is delivered is
 * always read from the table (`WHERE seq > last ORDER BY seq`), so a
 * notification that is lost, coalesced or sent while the connection was down
 * loses nothing. A poll every `pollMs` is the safety net. A dropped LISTEN
 * connection is reopened with exponential backoff, then the watch catches up
 * from the last seq it delivered. `started` resolves once the starting point
 * is fixed (the store holds back its own appends until then).
 */
export function watchTable(
  source: WatchSource,
  listener: WatchListener,
  options: WatchOptions = {},
): { stop: Unwatch; started: Promise<void> } {
  const { pool, names } = source;
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  let last: number | undefined = options.fromSeq;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let failing = "";
  /** Closes the LISTEN connection, when one is open. */
  let closeListening: (() => void) | undefined;
  let reconnect: NodeJS.Timeout | undefined;
  let backoff = MIN_BACKOFF_MS;

  /** Reports a failure once, not at every poll, until things work again. */
  const report = (error: unknown, doing: string) => {
    if (stopped) return; // a stopped watch says nothing more
    const wrapped = source.wrap(error, doing);
    if (wrapped.message === failing) return;
    failing = wrapped.message;
    onError(wrapped);
  };

  const begin = async () => {
    await source.ready();
    if (last !== undefined) return;
    const max = await pool.query<{ seq: string }>(
      `SELECT coalesce(max(seq), 0) AS seq FROM ${names.events}`,
    );
    // Only the first answer counts: a slow start must not move back a watch already delivering.
    last ??= Number(max.rows[0]?.seq ?? 0);
  };

  const readNew = async () => {
    if (last === undefined) await begin();
    for (;;) {
      const values: unknown[] = [String(last), PAGE];
      let sql = `SELECT seq, record FROM ${names.events} WHERE seq > $1::bigint`;
      if (options.auditId !== undefined) {
        values.push(options.auditId);
        sql += " AND audit_id = $3";
      }
      const { rows } = await pool.query<{ seq: string; record: unknown }>(
        `${sql} ORDER BY seq LIMIT $2`,
        values,
      );
      for (const row of rows) {
        if (stopped) return;
        const seq = Number(row.seq);
        try {
          await listener(rowRecord(row), { seq });
        } catch (error) {
          onError(error instanceof Error ? error : new Error(String(error)));
        }
        last = seq;
      }
      if (rows.length < PAGE) break;
    }
    failing = "";
  };

  const kick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await readNew();
        } catch (error) {
          report(error, "read new events for a watch");
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const scheduleReconnect = () => {
    if (stopped) return;
    reconnect = setTimeout(() => void listen(), backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  const listen = async () => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      report(error, "open the watch's LISTEN connection");
      scheduleReconnect();
      return;
    }
    if (stopped) {
      client.release();
      return;
    }
    let closed = false;
    const onNotification = () => void kick();
    const onEnd = () => drop(new Error("the LISTEN connection ended"));
    const ignore = () => undefined;
    /** Ends this connection for good (a LISTEN dies with its session). */
    const close = () => {
      if (closed) return false;
      closed = true;
      closeListening = undefined;
      client.off("notification", onNotification);
      client.off("error", drop);
      client.off("end", onEnd);
      client.on("error", ignore);
      client.release(true);
      return true;
    };
    const drop = (error: unknown) => {
      if (!close()) return;
      report(error, "keep the watch's LISTEN connection");
      scheduleReconnect();
    };
    client.on("notification", onNotification);
    client.on("error", drop);
    client.on("end", onEnd);
    try {
      await client.query(`LISTEN ${quoteIdent(names.channel)}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (stopped) {
      close();
      return;
    }
    closeListening = close;
    backoff = MIN_BACKOFF_MS;
    void kick(); // what was appended while the connection was down
  };

  const started = begin().catch((error: unknown) => {
    report(error, "start a watch");
  });
  const poll = setInterval(() => void kick(), source.pollMs);
  void started.then(() => {
    if (stopped) return;
    void listen();
    void kick();
  });

  const stop: Unwatch = async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(poll);
    clearTimeout(reconnect);
    await started;
    await running;
    closeListening?.();
  };
  return { stop, started };
}
