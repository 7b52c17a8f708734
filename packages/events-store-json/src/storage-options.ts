import { join, resolve } from "node:path";
import {
  type NormalizedRetention,
  normalizeRetention,
  type RetentionPolicy,
} from "@phaser/events-core/store-kit";
import { LOCK_TIMEOUT_MS } from "./file-lock.js";
import { MAX_RECORD_BYTES, RECORD_LIMIT_FOR_TESTS } from "./limits.js";
import { currentVersion, defaultMigrations, type MigrationRegistry } from "./migrations.js";
import { resolveStorageDir } from "./resolve-storage-dir.js";
import { EVENTS_FILE_NAME } from "./store-files.js";

/** Something the store noticed but could live with, e.g. a malformed record it skips. */
export interface StoreWarning {
  readonly code: "MALFORMED_RECORD";
  readonly path: string;
  /** Position of the element in the file's `events` array (0-based). */
  readonly index: number;
  readonly message: string;
}

export interface JsonFileStorageOptions extends RetentionPolicy {
  /** The events file. Give this or `dir`, not both. */
  readonly path?: string | undefined;
  /** A directory: the file is `dir/events.json`. Default: `resolveStorageDir()`. */
  readonly dir?: string | undefined;
  /** Told once about each malformed record found in the file. Default: `console.warn`. */
  readonly onWarning?: ((warning: StoreWarning) => void) | undefined;
  /** Migrations keyed by the version they produce. Default: `defaultMigrations`. */
  readonly migrations?: MigrationRegistry | undefined;
  /**
   * How long a writer waits for the write lock while a live process holds it,
   * in ms, before rejecting with `LockTimeoutError`. A lock is never taken
   * from a live holder, however long; a killed holder's lock is taken over at
   * once. Default 60,000.
   */
  readonly lockTimeoutMs?: number | undefined;
  /** Apply the retention policy (`maxEvents`, `retentionDays`) in every write. Default false. */
  readonly autoCleanup?: boolean | undefined;
  /** The clock retention measures age with. Default: `() => new Date()`. */
  readonly now?: (() => Date) | undefined;
}

export const defaultWarning = (warning: StoreWarning): void => {
  console.warn(
    `[phaser-events] ${warning.path}: skipping record ${warning.index}: ${warning.message}`,
  );
};

/** The options with their defaults applied and checked. */
export interface StoreSettings {
  readonly path: string;
  readonly migrations: MigrationRegistry;
  /** The version the migrations produce: the one the store writes. */
  readonly version: number;
  readonly onWarning: (warning: StoreWarning) => void;
  readonly lockTimeoutMs: number;
  /** `MAX_RECORD_BYTES`, or a smaller limit a test gave as `[RECORD_LIMIT_FOR_TESTS]`. */
  readonly maxRecordBytes: number;
  readonly retention: NormalizedRetention;
  readonly autoCleanup: boolean;
  readonly now: () => Date;
}

/** Applies the defaults; a bad combination or value is a `TypeError` or `RangeError` naming it. */
export function settingsOf(options: JsonFileStorageOptions): StoreSettings {
  if (options.path !== undefined && options.dir !== undefined) {
    throw new TypeError("JsonFileStorage: pass either `path` or `dir`, not both");
  }
  if ((options as { staleLockMs?: unknown }).staleLockMs !== undefined) {
    throw new TypeError(
      "JsonFileStorage: `staleLockMs` was removed: a lock is taken over only when its holder is dead, never for its age. Use `lockTimeoutMs` for how long to wait, and `breakLock()` to remove a lock by hand.",
    );
  }
  const lockTimeoutMs = options.lockTimeoutMs ?? LOCK_TIMEOUT_MS;
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0) {
    throw new RangeError(
      `JsonFileStorage: lockTimeoutMs must be 0 or more ms; got ${lockTimeoutMs}`,
    );
  }
  const migrations = options.migrations ?? defaultMigrations;
  return {
    path: resolve(options.path ?? join(options.dir ?? resolveStorageDir(), EVENTS_FILE_NAME)),
    migrations,
    version: currentVersion(migrations),
    onWarning: options.onWarning ?? defaultWarning,
    lockTimeoutMs,
    maxRecordBytes:
      (options as { [RECORD_LIMIT_FOR_TESTS]?: number })[RECORD_LIMIT_FOR_TESTS] ??
      MAX_RECORD_BYTES,
    retention: normalizeRetention(options),
    autoCleanup: options.autoCleanup ?? false,
    now: options.now ?? (() => new Date()),
  };
}
