import { EventType, isEventValidationError } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import {
  emitPhaseCompleted,
  emitPhaseFailed,
  emitPhaseSkipped,
  emitPhaseStarted,
} from "../src/index.js";
import { AUDIT_ID, onlyRecord, setup } from "./fake-storage.js";

describe("emitPhaseStarted", () => {
  it("stores a phase_started event for the phase with the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = { description: "Event Specification", file: ".audit/phases/03-events-spec.md" };
    const event = await emitPhaseStarted(emitter, AUDIT_ID, 3, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.PHASE_STARTED);
    expect(record.audit_id).toBe(AUDIT_ID);
    expect(record.phase).toBe(3);
    expect(record.data).toStrictEqual(payload);
  });

  it("rejects phase 0 with core's EventValidationError naming phase", async () => {
    const { emitter, storage } = setup();
    const error = await emitPhaseStarted(emitter, AUDIT_ID, 0, {
      description: "d",
      file: "f",
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isEventValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toBe("phase");
    expect(storage.records).toHaveLength(0);
  });
});

describe("emitPhaseCompleted", () => {
  it("stores a phase_completed event for the phase with the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = {
      duration_seconds: 120.5,
      files_created: 1,
      files_modified: 0,
      verification_count: 6,
    };
    const event = await emitPhaseCompleted(emitter, AUDIT_ID, 3, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.PHASE_COMPLETED);
    expect(record.phase).toBe(3);
    expect(record.data).toStrictEqual(payload);
  });

  it("keeps extra fields", async () => {
    const { emitter, storage } = setup();
    const payload = {
      duration_seconds: 1,
      files_created: 0,
      files_modified: 0,
      verification_count: 0,
      notes: ["fast", "clean"],
    };
    await emitPhaseCompleted(emitter, AUDIT_ID, 1, payload);
    expect(onlyRecord(storage).data).toStrictEqual(payload);
  });
});

describe("emitPhaseFailed", () => {
  it("stores a phase_failed event with the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = { error: "Verification command failed", attempts: 3, duration_seconds: 45.2 };
    const event = await emitPhaseFailed(emitter, AUDIT_ID, 3, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.PHASE_FAILED);
    expect(record.phase).toBe(3);
    expect(record.data).toStrictEqual(payload);
  });

  it("defaults attempts to 1", async () => {
    const { emitter, storage } = setup();
    await emitPhaseFailed(emitter, AUDIT_ID, 2, { error: "boom", duration_seconds: 1.5 });
    expect(onlyRecord(storage).data).toStrictEqual({
      error: "boom",
      duration_seconds: 1.5,
      attempts: 1,
    });
  });
});

describe("emitPhaseSkipped", () => {
  it("stores a phase_skipped event with the given reason", async () => {
    const { emitter, storage } = setup();
    const event = await emitPhaseSkipped(emitter, AUDIT_ID, 4, { reason: "dependency_failed" });
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.PHASE_SKIPPED);
    expect(record.phase).toBe(4);
    expect(record.data).toStrictEqual({ reason: "dependency_failed" });
  });

  it("defaults reason to user_request when the payload is left out", async () => {
    const { emitter, storage } = setup();
    await emitPhaseSkipped(emitter, AUDIT_ID, 4);
    expect(onlyRecord(storage).data).toStrictEqual({ reason: "user_request" });
  });

  it("defaults reason to user_request and keeps extra fields", async () => {
    const { emitter, storage } = setup();
    await emitPhaseSkipped(emitter, AUDIT_ID, 4, { skipped_by: "alice" });
    expect(onlyRecord(storage).data).toStrictEqual({ skipped_by: "alice", reason: "user_request" });
  });
});
