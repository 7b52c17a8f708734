import { type Event, type EventEmitter, type EventPayload, EventType } from "@phaser/events-core";
import type { PayloadInput } from "./payload-input.js";

/**
 * Emits `file_created` for `phase` with the relative `path` and `size_bytes`;
 * extra fields are kept. Rejects as `emitter.emit` does.
 */
export function emitFileCreated(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: PayloadInput<EventPayload<"file_created">>,
): Promise<Event<"file_created">> {
  return emitter.emit(EventType.FILE_CREATED, auditId, { phase, data: payload });
}

/**
 * Emits `file_modified` for `phase` with `path`, the new `size_bytes`,
 * `lines_added` and `lines_removed`; extra fields are kept. Rejects as
 * `emitter.emit` does.
 */
export function emitFileModified(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: PayloadInput<EventPayload<"file_modified">>,
): Promise<Event<"file_modified">> {
  return emitter.emit(EventType.FILE_MODIFIED, auditId, { phase, data: payload });
}

/**
 * Emits `file_deleted` for `phase` with the relative `path`; extra fields are
 * kept. Rejects as `emitter.emit` does.
 */
export function emitFileDeleted(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: PayloadInput<EventPayload<"file_deleted">>,
): Promise<Event<"file_deleted">> {
  return emitter.emit(EventType.FILE_DELETED, auditId, { phase, data: payload });
}
