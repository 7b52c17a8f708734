import type { RetentionPolicy } from "@phaser/events-core";
import type { MigrationRegistry } from "./migrations.js";

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
