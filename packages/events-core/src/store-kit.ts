// `@phaser/events-core/store-kit`: what store authors share, written once.
// A store supplies only what is its own: where records live, how to read
// after a position, and what wakes a watch.

export { checkListAudits } from "./audit-summary.js";
export type { StorageErrorOptions } from "./errors/storage-error.js";
export { EventIndex } from "./event-index.js";
export type { GroupCommitOptions } from "./group-commit.js";
export { groupCommit } from "./group-commit.js";
export { isPlainObject, MAX_JSON_DEPTH } from "./json.js";
export type { NormalizedQuery } from "./query.js";
export { matchesQuery, normalizeClearOptions, normalizeQuery, sortRecords } from "./query.js";
export type { RecordCheckMode } from "./record.js";
export { checkRecord, checkRecords } from "./record.js";
export type { InstantOrdered, NormalizedRetention, RetentionPolicy } from "./retention.js";
export {
  DEFAULT_MAX_EVENTS,
  DEFAULT_RETENTION_DAYS,
  expiredCount,
  normalizeRetention,
} from "./retention.js";
export { lenientTimestampKey, strictTimestampKey } from "./timestamp.js";
export type { RunningWatch, WatchEntry, WatchRead, WatchSource } from "./watch-loop.js";
export { runWatch, WatchSet } from "./watch-loop.js";
