import type {
  AuditSummary,
  ClearOptions,
  EventQuery,
  EventRecord,
  EventStorage,
  ListAuditsOptions,
  StorageError,
  WatchHandle,
  WatchListener,
  WatchOptions,
} from "@phaser/events-core";
import {
  checkListAudits,
  checkRecord,
  checkRecords,
  groupCommit,
  normalizeClearOptions,
  normalizeQuery,
  runWatch,
  WatchSet,
} from "@phaser/events-core/store-kit";
import pg from "pg";
import { type AppendTimeouts, appendTimeouts } from "./append-timeouts.js";
import { type AuditRow, auditSummary, listAuditsSql } from "./audit-sql.js";
import { connectionSettings } from "./connection-string.js";
import { connectionTarget } from "./connection-target.js";
import { insertRecords, rowRecord, selectSql } from "./event-sql.js";
import { migrate } from "./migrations.js";
import { type SqlNames, sqlNames } from "./sql-names.js";
import type { PostgresStorageOptions } from "./storage-options.js";
import { tableSource } from "./watch-table.js";
import { type ConnectionTarget, wrapPgError } from "./wrap-pg-error.js";

/**
 * The most JSON one shared append statement carries. PostgreSQL refuses a
 * jsonb array whose elements total more than 256 MB; appends that arrive
 * together share a statement only while they stay well under that, so a
 * large append is written alone and never fails its neighbours.
 */
const MAX_GROUP_BYTES = 64 * 1024 * 1024;

/**
 * An {@link EventStorage} in a PostgreSQL table, shared by every process that
 * points at it. The schema is migrated on first use (or by `migrate()`);
 * appends are one transaction each, idempotent by id; `watch` follows the
 * table through LISTEN/NOTIFY with a polling safety net.
 */
export class PostgresStorage implements EventStorage {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #names: SqlNames;
  readonly #target: ConnectionTarget;
  readonly #pollMs: number;
  readonly #timeouts: AppendTimeouts;
  #ready: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  readonly #watches = new WatchSet();
  /** Appends in call order; those made while one is in flight share the next transaction, up to a size. */
  readonly #append = groupCommit<EventRecord>((records) => this.#write(records), {
    maxSize: MAX_GROUP_BYTES,
    sizeOf: (record) => JSON.stringify(record).length,
  });

  constructor(options: PostgresStorageOptions) {
    this.#names = sqlNames(options.schema ?? "public", options.table ?? "phaser_events");
    this.#target = connectionTarget(options);
    this.#pollMs = options.pollMs ?? 1000;
    this.#timeouts = appendTimeouts(options);
    if (options.pool !== undefined) {
      this.#pool = options.pool;
      this.#ownsPool = false;
    } else {
      this.#pool = new pg.Pool({
        ...connectionSettings(options.connectionString),
        max: options.max ?? 10,
      });
      this.#ownsPool = true;
      // An idle connection the server closed (a restart) is dropped; the next use reconnects.
      this.#pool.on("error", () => undefined);
    }
  }

  /** The schema holding the tables. */
  get schema(): string {
    return this.#names.schema;
  }

  /** The events table's name (unquoted). */
  get table(): string {
    return this.#names.table;
  }

  /**
   * Creates or upgrades the tables now rather than on first use. Safe to call
   * from many processes at once: each migration runs exactly once.
   */
  migrate(): Promise<void> {
    this.#ready ??= this.#withClient("migrate the schema", async (client) => {
      await migrate(client, this.#names, this.#timeouts.idleInTransactionTimeoutMs);
    }).catch((error: unknown) => {
      this.#ready = undefined; // try again on next use
      throw error;
    });
    return this.#ready;
  }

  async appendEvent(record: EventRecord): Promise<void> {
    await this.#append([checkRecord(record, "append", "Invalid event record")]);
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    // Every record is checked before the database is touched: all or nothing.
    const checked = checkRecords(records, "append");
    if (checked.length > 0) await this.#append(checked);
  }

  /** Connects and migrates the schema now (see `migrate`): a store that cannot be used fails here. */
  open(): Promise<void> {
    return this.migrate();
  }

  async getEvents(query?: EventQuery): Promise<EventRecord[]> {
    const q = normalizeQuery(query);
    await this.migrate();
    if (q.limit === 0) return [];
    const { text, values } = selectSql(this.#names, q);
    // Rows as arrays: pg skips building an object per row (about a quarter of a 1,000-row read).
    const result = await this.#run("read events", () =>
      this.#pool.query<[string, unknown]>({ text, values, rowMode: "array" }),
    );
    return result.rows.map(([seq, record]) => rowRecord({ seq, record }));
  }

  /** The audits in the table, newest first, summed up by one SQL statement (see `listAuditsSql`). */
  async listAudits(options?: ListAuditsOptions): Promise<AuditSummary[]> {
    const checked = checkListAudits(options);
    await this.migrate();
    if (checked.limit === 0) return [];
    const { text, values } = listAuditsSql(this.#names, checked);
    const result = await this.#run("list audits", () =>
      this.#pool.query<AuditRow>({ text, values, rowMode: "array" }),
    );
    return result.rows.map(auditSummary);
  }

  async clearEvents(options?: ClearOptions): Promise<number> {
    const before = normalizeClearOptions(options);
    await this.migrate();
    const result = await this.#run("clear events", () =>
      before === undefined
        ? this.#pool.query(`DELETE FROM ${this.#names.events}`)
        : this.#pool.query(`DELETE FROM ${this.#names.events} WHERE ts_key < $1::bigint`, [
            String(before),
          ]),
    );
    return result.rowCount ?? 0;
  }

  /**
   * Calls `listener` with every record appended from `ready` on (or after
   * `options.fromSeq`) by any process, in append order; a position is the
   * row's `seq`.
   */
  watch(listener: WatchListener, options?: WatchOptions): WatchHandle {
    const source = tableSource({
      pool: this.#pool,
      names: this.#names,
      pollMs: this.#pollMs,
      ready: () => this.migrate(),
      wrap: (error, doing) => this.#wrap(error, doing),
    });
    return this.#watches.add(runWatch(source, listener, options));
  }

  /** Stops every watch, then ends the pool if this store created it (a pool passed in is the caller's). */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#watches.stopAll();
      if (this.#ownsPool) await this.#pool.end();
    })();
    return this.#closing;
  }

  async #write(records: readonly EventRecord[]): Promise<void> {
    await this.migrate();
    await this.#withClient("append events", (client) =>
      insertRecords(client, this.#names, records, this.#timeouts),
    );
  }

  async #withClient<T>(doing: string, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#run(doing, () => this.#pool.connect());
    // The server may drop the connection between two statements (a restart): that
    // arrives as an 'error' event, which would otherwise crash the process.
    let dropped: unknown;
    const onError = (error: unknown) => {
      dropped ??= error;
    };
    client.on("error", onError);
    let failed = false;
    try {
      return await this.#run(doing, () => use(client));
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      client.off("error", onError);
      // A connection that failed (maybe mid-transaction, maybe gone) is closed, not reused.
      client.release(dropped !== undefined || failed);
    }
  }

  async #run<T>(doing: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.#wrap(error, doing);
    }
  }

  #wrap(error: unknown, doing: string): StorageError {
    return wrapPgError(error, doing, this.#target);
  }
}
