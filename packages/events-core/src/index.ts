export { EventValidationError, isEventValidationError, EVENT_VALIDATION_ERROR } from "./errors/event-validation-error.js";
export { UnknownEventTypeError, isUnknownEventTypeError, UNKNOWN_EVENT_TYPE } from "./errors/unknown-event-type-error.js";
export { StorageError, isStorageError, STORAGE_ERROR } from "./errors/storage-error.js";
export {
  StorageNotConfiguredError,
  isStorageNotConfiguredError,
  STORAGE_NOT_CONFIGURED,
} from "./errors/storage-not-configured-error.js";
export { InvalidQueryError, isInvalidQueryError, INVALID_QUERY } from "./errors/invalid-query-error.js";
export { EventType, EVENT_TYPES, AUDIT_LEVEL_EVENT_TYPES, isEventType, isPhaseLevelEventType } from "./event-type.js";
export { Event } from "./event.js";
export { EventEmitter } from "./emitter.js";
export { EventIndex } from "./event-index.js";
export { isPlainObject, toFrozenJson } from "./json.js";
export { MAX_OUTPUT_LENGTH, payloadSchemas } from "./payloads.js";
export { matchesQuery, normalizeClearOptions, normalizeQuery, sortRecords, toInstant } from "./query.js";
export { parseEventRecord, TIMESTAMP_PATTERN, UUID_V4_PATTERN } from "./record.js";

export type { ValidationIssue } from "./errors/event-validation-error.js";
export type { StorageErrorOptions } from "./errors/storage-error.js";
export type { EventData, EventDataInput, EventInit } from "./event.js";
export type { EmitOptions, EventEmitterOptions, EventSubscriber, SubscriberErrorHandler } from "./emitter.js";
export type { JsonArray, JsonObject, JsonValue } from "./json.js";
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
export type { NormalizedQuery } from "./query.js";
export type { EventRecord, ParseRecordOptions } from "./record.js";
export type { ClearOptions, EventQuery, EventStorage } from "./storage.js";
