// The user API: events, the emitter, the payload rules, the storage port and
// the errors. What store authors need lives in `@phaser/events-core/store-kit`.
export type { EmitOptions, EventEmitterOptions, EventSubscriber } from "./emitter.js";
export { EventEmitter } from "./emitter.js";
export type { ValidationIssue } from "./errors/event-validation-error.js";
export { EventValidationError, isEventValidationError } from "./errors/event-validation-error.js";
export type { CodedError } from "./errors/has-error-code.js";
export { hasErrorCode } from "./errors/has-error-code.js";
export { InvalidQueryError, isInvalidQueryError } from "./errors/invalid-query-error.js";
export { isStorageError, StorageError } from "./errors/storage-error.js";
export {
  isStorageNotConfiguredError,
  StorageNotConfiguredError,
} from "./errors/storage-not-configured-error.js";
export {
  isUnknownEventTypeError,
  UnknownEventTypeError,
} from "./errors/unknown-event-type-error.js";
export { isWatchGapError, WatchGapError } from "./errors/watch-gap-error.js";
export { isWatchResetError, WatchResetError } from "./errors/watch-reset-error.js";
export type { EventData, EventInit } from "./event.js";
export { Event } from "./event.js";
export { EVENT_TYPES, EventType, isEventType, isPhaseLevelEventType } from "./event-type.js";
export type { JsonObject, JsonValue } from "./json.js";
export type { EventPayload, EventPayloadMap } from "./payload-fields.js";
export { MAX_OUTPUT_LENGTH, PAYLOAD_FIELDS } from "./payload-fields.js";
export type { EventRecord } from "./record.js";
export type {
  AuditSummary,
  ClearOptions,
  EventQuery,
  EventStorage,
  ListAuditsOptions,
  WatchHandle,
  WatchListener,
  WatchOptions,
  WatchPosition,
} from "./storage.js";
