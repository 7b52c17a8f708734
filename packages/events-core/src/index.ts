export type {
  EmitOptions,
  EventEmitterOptions,
  EventSubscriber,
  SubscriberErrorHandler,
} from "./emitter.js";
export { EventEmitter } from "./emitter.js";
export type { ValidationIssue } from "./errors/event-validation-error.js";
export {
  EVENT_VALIDATION_ERROR,
  EventValidationError,
  isEventValidationError,
} from "./errors/event-validation-error.js";
export type { CodedError } from "./errors/has-error-code.js";
export { hasErrorCode } from "./errors/has-error-code.js";
export {
  INVALID_QUERY,
  InvalidQueryError,
  isInvalidQueryError,
} from "./errors/invalid-query-error.js";
export type { StorageErrorOptions } from "./errors/storage-error.js";
export { isStorageError, STORAGE_ERROR, StorageError } from "./errors/storage-error.js";
export {
  isStorageNotConfiguredError,
  STORAGE_NOT_CONFIGURED,
  StorageNotConfiguredError,
} from "./errors/storage-not-configured-error.js";
export {
  isUnknownEventTypeError,
  UNKNOWN_EVENT_TYPE,
  UnknownEventTypeError,
} from "./errors/unknown-event-type-error.js";
export { isWatchGapError, WATCH_GAP, WatchGapError } from "./errors/watch-gap-error.js";
export type { EventData, EventDataInput, EventInit } from "./event.js";
export { Event } from "./event.js";
export { EventIndex } from "./event-index.js";
export {
  AUDIT_LEVEL_EVENT_TYPES,
  EVENT_TYPES,
  EventType,
  isEventType,
  isPhaseLevelEventType,
} from "./event-type.js";
export type { JsonArray, JsonObject, JsonValue } from "./json.js";
export { isPlainObject, MAX_JSON_DEPTH, toFrozenJson } from "./json.js";
export { payloadSchemas } from "./payload-schemas.js";
export type {
  AbandonReason,
  AuditAbandonedPayload,
  AuditCompletedPayload,
  AuditStartedPayload,
  EventPayloadMap,
  FileCreatedPayload,
  FileDeletedPayload,
  FileModifiedPayload,
  PhaseCompletedPayload,
  PhaseFailedPayload,
  PhaseSkippedPayload,
  PhaseStartedPayload,
  SkipReason,
  VerificationFailedPayload,
  VerificationPassedPayload,
} from "./payloads.js";
export { MAX_OUTPUT_LENGTH } from "./payloads.js";
export type { NormalizedQuery } from "./query.js";
export {
  matchesQuery,
  normalizeClearOptions,
  normalizeQuery,
  sortRecords,
  toInstant,
} from "./query.js";
export type { EventRecord, ParseRecordOptions } from "./record.js";
export { parseEventRecord, UUID_V4_PATTERN } from "./record.js";
export type { NormalizedRetention, RetentionPolicy } from "./retention.js";
export {
  DEFAULT_MAX_EVENTS,
  DEFAULT_RETENTION_DAYS,
  expiredRecords,
  normalizeRetention,
} from "./retention.js";
export type {
  ClearOptions,
  EventQuery,
  EventStorage,
  Unwatch,
  WatchListener,
  WatchOptions,
  WatchPosition,
} from "./storage.js";
export { instantKey, TIMESTAMP_PATTERN, timestampKey, UTC_TIMESTAMP_PATTERN } from "./timestamp.js";
