import { hasErrorCode, StorageError } from "@phaser/events-core";

export const POSTGRES_LOCK_TIMEOUT = "POSTGRES_LOCK_TIMEOUT" as const;

/**
 * An append waited `lockTimeoutMs` for a lock (the table's append lock, held
 * by another writer's transaction, or a row another transaction is inserting)
 * and gave up. Its transaction was rolled back: nothing of the batch was
 * stored, so retrying it is safe. A `StorageError` with `store: "postgres"`.
 */
export class PostgresLockTimeoutError extends StorageError<typeof POSTGRES_LOCK_TIMEOUT> {
  override readonly name = "PostgresLockTimeoutError";
  override readonly code = POSTGRES_LOCK_TIMEOUT;
  /** The events table, quoted and qualified: `"public"."phaser_events"`. */
  readonly table: string;
  /** How long the append waited, in ms (its `lockTimeoutMs`). */
  readonly waitedMs: number;

  constructor(table: string, waitedMs: number, options: { readonly cause?: unknown } = {}) {
    super(
      `Cannot append to ${table}: waited ${waitedMs} ms for a lock held by another transaction (another writer's append, stalled or slow) and gave up; nothing of the batch was stored, and retrying it is safe. Raise lockTimeoutMs to wait longer.`,
      { store: "postgres", path: table, cause: options.cause },
    );
    this.table = table;
    this.waitedMs = waitedMs;
  }
}

/** True for a {@link PostgresLockTimeoutError}, from any copy of this package. */
export function isPostgresLockTimeoutError(error: unknown): error is PostgresLockTimeoutError {
  return hasErrorCode(error, POSTGRES_LOCK_TIMEOUT);
}
