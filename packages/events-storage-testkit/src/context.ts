import type { EventStorage } from "@phaser/events-core";
import type { RetentionPolicy } from "@phaser/events-core/store-kit";
import type { afterEach, beforeEach, describe, expect, it } from "vitest";

/** The runner functions the suite uses; pass vitest's. The suite imports no runner globals. */
export interface TestApi {
  readonly describe: typeof describe;
  readonly it: typeof it;
  readonly expect: typeof expect;
  readonly beforeEach: typeof beforeEach;
  readonly afterEach: typeof afterEach;
}

/** Makes a fresh, empty store. Called before every test; `close()` is called after it. */
export type StorageFactory = () => EventStorage | Promise<EventStorage>;

/** What a store with retention is made with in the retention cases. */
export interface RetentionStorageOptions extends RetentionPolicy {
  readonly autoCleanup?: boolean;
  /** The clock retention measures age with. */
  readonly now: () => Date;
}

/** Makes a fresh, empty store with this retention policy and clock. The case closes it. */
export type RetentionStorageFactory = (
  options: RetentionStorageOptions,
) => EventStorage | Promise<EventStorage>;

/**
 * Makes a second store over the same data as `storage`, as a restarted
 * process would: the same file, the same database schema. The suite has
 * closed `storage` first, so use it only to learn where its data lives.
 * Retention options need not carry over: the cases do not clean up after a
 * reopen.
 */
export type StorageReopener = (storage: EventStorage) => EventStorage | Promise<EventStorage>;

export interface ConformanceOptions {
  /** Name shown in the suite title, e.g. `"JsonFileStorage"`. */
  readonly name?: string;
  /** Timeout in ms for the large cases (500 concurrent emits, 10,000-event round trip). Default 60,000. */
  readonly largeTimeout?: number;
  /**
   * For stores with the optional `cleanup` capability: makes one with a given
   * retention policy. When given, the retention cases run too.
   */
  readonly createRetentionStorage?: RetentionStorageFactory;
  /**
   * Optional capabilities are tested unless a store opts out here, so a
   * forgotten flag cannot skip cases silently. `watch: false` skips the
   * watch cases (default true).
   */
  readonly watch?: boolean;
  /** `false` skips the `listAudits` cases (default true). */
  readonly listAudits?: boolean;
  /** `false` skips the `open` cases (default true). */
  readonly open?: boolean;
  /**
   * Reopens a store over the same data (see {@link StorageReopener}). When
   * given with `watch`, the cases that positions survive a restart run too.
   */
  readonly reopen?: StorageReopener;
  /**
   * The store's watch reports records removed (cleared or expired) after its
   * position before it read them, as a `WatchGapError`. Default true; set it
   * false only for a store that does not yet, which skips the gap cases.
   */
  readonly watchGaps?: boolean;
}

/** What each group of cases receives. */
export interface SuiteContext {
  readonly api: TestApi;
  /** The store made for the current test. */
  storage(): EventStorage;
  readonly largeTimeout: number;
  readonly createRetentionStorage: RetentionStorageFactory | undefined;
  readonly watch: boolean;
  readonly listAudits: boolean;
  readonly open: boolean;
  /**
   * Closes the current test's store and resolves with a new one over the same
   * data, which `storage()` returns from then on. Undefined when the store
   * cannot be reopened.
   */
  readonly reopen: (() => Promise<EventStorage>) | undefined;
  /** Whether the gap cases run (`ConformanceOptions.watchGaps`, default true). */
  readonly watchGaps: boolean;
}
