/** How long an append may wait for a lock, and sit idle inside its transaction, in ms (0: no limit). */
export interface AppendTimeouts {
  readonly lockTimeoutMs: number;
  readonly idleInTransactionTimeoutMs: number;
}

/** Long enough for any honest queue of writers; short enough that a stuck one is noticed. */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;
/** Below the lock timeout: a stalled holder is ended before the writers queued behind it give up. */
export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;
/** PostgreSQL keeps both settings in a signed 32-bit integer of milliseconds. */
const MAX_MS = 2_147_483_647;

/**
 * The store's append timeouts from its options, checked: a TypeError for a
 * value that is not a number, a RangeError for one that is not a whole
 * number of ms PostgreSQL accepts; both name the option.
 */
export function appendTimeouts(options: {
  readonly lockTimeoutMs?: number | undefined;
  readonly idleInTransactionTimeoutMs?: number | undefined;
}): AppendTimeouts {
  return {
    lockTimeoutMs: milliseconds("lockTimeoutMs", options.lockTimeoutMs, DEFAULT_LOCK_TIMEOUT_MS),
    idleInTransactionTimeoutMs: milliseconds(
      "idleInTransactionTimeoutMs",
      options.idleInTransactionTimeoutMs,
      DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    ),
  };
}

function milliseconds(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") {
    throw new TypeError(`${option} must be a number of milliseconds (got ${typeof value})`);
  }
  if (!Number.isInteger(value) || value < 0 || value > MAX_MS) {
    throw new RangeError(
      `${option} must be a whole number of milliseconds from 0 (no limit) to ${MAX_MS} (got ${value})`,
    );
  }
  return value;
}
