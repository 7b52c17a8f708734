import type { Dataset } from "./dataset.js";

/** The sizes of one run: the sizes, or tiny ones for the CI smoke run. */
export interface Sizes {
  /** Audits in the main data set (P2–P6, J1, J2). */
  readonly audits: number;
  /** P1: emits per sample, and samples per emitter. */
  readonly p1Batch: number;
  readonly p1Samples: number;
  /** P2: sequential emits into a new store; lowdb fills this many and is extrapolated. */
  readonly p2Events: number;
  readonly p2LowdbEvents: number;
  /**
   * P2: stop our fill after this long (ms) and extrapolate the rest. Above the
   * 25 s target, so the cap never changes the verdict; it only bounds the run.
   */
  readonly p2MaxMs: number;
  /** P2: writes per file size when measuring the I/O floor (an fsync'd atomic rewrite). */
  readonly p2FloorSamples: number;
  /** P3: events already in the store, concurrent emits, samples (ours, lowdb). */
  readonly p3StoreEvents: number;
  readonly p3Concurrent: number;
  readonly p3Samples: number;
  readonly p3LowdbSamples: number;
  /** P4–P6: events in the store. */
  readonly bigStoreEvents: number;
  /** P4: measuring time per query kind (tinybench `time`, ms). */
  readonly p4TimeMs: number;
  /** P5: samples per opener; P6: child processes per kind. */
  readonly p5Samples: number;
  readonly p6Runs: number;
  /** P7: events of the replayed audit, audits in that store, samples. */
  readonly p7AuditEvents: number;
  readonly p7Audits: number;
  readonly p7Samples: number;
  /** J1: events in the small store (the big one holds `bigStoreEvents`), timed emits per contender. */
  readonly j1SmallEvents: number;
  readonly j1Emits: number;
  /** J2: events in the small followed store, timed appends per store size, rounds they are split into. */
  readonly j2SmallEvents: number;
  readonly j2Appends: number;
  readonly j2Rounds: number;
  /** PG1: events the JSON store peer appends in batches of 500 (its rate falls as its file grows). */
  readonly pgJsonAppendEvents: number;
  /** PG2: events in the PostgreSQL table, and timed queries. */
  readonly pgQueryEvents: number;
  readonly pgQuerySamples: number;
  /** PG3: timed appends, each awaited until the watch delivers it. */
  readonly pgWatchSamples: number;
  /** R1: lines of the rewritten file, of the tenfold one, of the one jsdiff (the old diff) gets; runs per contender. */
  readonly r1Lines: number;
  readonly r1LargeLines: number;
  readonly r1JsdiffLines: number;
  readonly r1Samples: number;
  /** R2 (and R3's hashing row): bytes of the big file and of the baseline's; runs per contender. */
  readonly r2FileBytes: number;
  readonly r2SmallFileBytes: number;
  readonly r2Samples: number;
  /** R3: interrupted runs per row. */
  readonly r3Samples: number;
  /** W1: events of the audit opened in the audit view; audits (and events each) in the audits view; page loads per view. */
  readonly w1AuditEvents: number;
  readonly w1Audits: number;
  readonly w1EventsPerAudit: number;
  readonly w1Loads: number;
  /** W2: events another process appends, one at a time, per store. */
  readonly w2Appends: number;
  /** W3: open pages, events appended (in batches of `w3Batch`), heap samples taken along the way. */
  readonly w3Pages: number;
  readonly w3Events: number;
  readonly w3Batch: number;
  readonly w3Samples: number;
  /** W3: the writer's pace (events per second), so pages that keep up are not flooded. */
  readonly w3EventsPerSecond: number;
}

export const FULL: Sizes = {
  audits: 100,
  p1Batch: 100_000,
  p1Samples: 10,
  p2Events: 10_000,
  p2LowdbEvents: 2_000,
  p2MaxMs: 90_000,
  p2FloorSamples: 10,
  p3StoreEvents: 10_000,
  p3Concurrent: 1_000,
  p3Samples: 5,
  p3LowdbSamples: 1,
  bigStoreEvents: 100_000,
  p4TimeMs: 1_000,
  p5Samples: 5,
  p6Runs: 3,
  p7AuditEvents: 10_000,
  p7Audits: 10,
  p7Samples: 20,
  j1SmallEvents: 1_000,
  j1Emits: 200,
  j2SmallEvents: 10_000,
  j2Appends: 100,
  j2Rounds: 2,
  pgJsonAppendEvents: 20_000,
  pgQueryEvents: 1_000_000,
  pgQuerySamples: 500,
  pgWatchSamples: 200,
  r1Lines: 20_000,
  r1LargeLines: 200_000,
  r1JsdiffLines: 2_000,
  r1Samples: 5,
  r2FileBytes: 1e9,
  r2SmallFileBytes: 1e6,
  r2Samples: 3,
  r3Samples: 5,
  w1AuditEvents: 5_000,
  w1Audits: 1_000,
  w1EventsPerAudit: 20,
  w1Loads: 7,
  w2Appends: 100,
  w3Pages: 20,
  w3Events: 10_000,
  w3Batch: 20,
  w3Samples: 10,
  w3EventsPerSecond: 200,
};

export const SMOKE: Sizes = {
  audits: 10,
  p1Batch: 1_000,
  p1Samples: 5,
  p2Events: 100,
  p2LowdbEvents: 50,
  p2MaxMs: 5_000,
  p2FloorSamples: 3,
  p3StoreEvents: 1_000,
  p3Concurrent: 100,
  p3Samples: 2,
  p3LowdbSamples: 1,
  bigStoreEvents: 1_000,
  p4TimeMs: 50,
  p5Samples: 2,
  p6Runs: 1,
  p7AuditEvents: 100,
  p7Audits: 10,
  p7Samples: 5,
  j1SmallEvents: 100,
  j1Emits: 20,
  j2SmallEvents: 100,
  j2Appends: 10,
  j2Rounds: 1,
  pgJsonAppendEvents: 1_000,
  pgQueryEvents: 10_000,
  pgQuerySamples: 20,
  pgWatchSamples: 20,
  r1Lines: 200,
  r1LargeLines: 2_000,
  r1JsdiffLines: 100,
  r1Samples: 1,
  r2FileBytes: 4e6,
  r2SmallFileBytes: 1e5,
  r2Samples: 1,
  r3Samples: 1,
  w1AuditEvents: 200,
  w1Audits: 20,
  w1EventsPerAudit: 10,
  w1Loads: 1,
  w2Appends: 5,
  w3Pages: 2,
  w3Events: 100,
  w3Batch: 20,
  w3Samples: 2,
  w3EventsPerSecond: 200,
};

/** What every target gets. */
export interface BenchContext {
  readonly smoke: boolean;
  readonly sizes: Sizes;
  /** A temp directory of this run, removed at the end. */
  readonly tmp: string;
  /** The main data set: `sizes.bigStoreEvents` events of `sizes.audits` audits. */
  readonly dataset: Dataset;
  /** A JSON store file holding the whole main data set, written by JsonFileStorage. */
  readonly bigStoreFile: string;
}

/** `met` for a target, or `null` in smoke mode. */
export function judge(ctx: BenchContext, met: boolean): boolean | null {
  return ctx.smoke ? null : met;
}
