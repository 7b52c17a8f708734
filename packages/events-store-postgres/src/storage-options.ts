import type pg from "pg";

interface CommonOptions {
  /** The schema holding the tables; created when missing. Default `public`. */
  readonly schema?: string | undefined;
  /** The events table; the migrations table is `<table>_migrations`. Default `phaser_events`. */
  readonly table?: string | undefined;
  /** How often a watch reads the table when no notification came, in ms. Default 1000. */
  readonly pollMs?: number | undefined;
  /**
   * How long an append waits for a lock (the table's append lock, held by
   * another writer) before it fails with `PostgresLockTimeoutError`, in ms;
   * `0` waits without limit. Default 30000.
   */
  readonly lockTimeoutMs?: number | undefined;
  /**
   * How long an append's transaction may sit idle (its process stalled
   * between two statements) before the server ends its session and rolls the
   * batch back, freeing the append lock for the others, in ms; `0`: no limit.
   * Default 10000.
   */
  readonly idleInTransactionTimeoutMs?: number | undefined;
}

/** Connect with a connection string: the store creates its pool and `close()` ends it. */
export interface ConnectionStringOptions extends CommonOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly connectionString: string;
  /** Most connections the store's pool opens. Default 10. */
  readonly max?: number | undefined;
  readonly pool?: undefined;
}

/** Use a pool the caller owns: `close()` leaves it open. */
export interface PoolOptions extends CommonOptions {
  readonly pool: pg.Pool;
  readonly connectionString?: undefined;
}

/** Options of `new PostgresStorage(options)`. */
export type PostgresStorageOptions = ConnectionStringOptions | PoolOptions;
