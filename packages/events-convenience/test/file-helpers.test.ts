import { EventType } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { emitFileCreated, emitFileDeleted, emitFileModified } from "../src/index.js";
import { AUDIT_ID, onlyRecord, setup } from "./fake-storage.js";

describe("emitFileCreated", () => {
  it("stores a file_created event for the phase with the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = { path: "specs/events.md", size_bytes: 4521 };
    const event = await emitFileCreated(emitter, AUDIT_ID, 3, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.FILE_CREATED);
    expect(record.audit_id).toBe(AUDIT_ID);
    expect(record.phase).toBe(3);
    expect(record.data).toStrictEqual(payload);
  });
});

describe("emitFileModified", () => {
  it("stores a file_modified event for the phase with the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = {
      path: ".audit/CONTEXT.md",
      size_bytes: 2100,
      lines_added: 5,
      lines_removed: 2,
    };
    const event = await emitFileModified(emitter, AUDIT_ID, 3, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.FILE_MODIFIED);
    expect(record.phase).toBe(3);
    expect(record.data).toStrictEqual(payload);
  });
});

describe("emitFileDeleted", () => {
  it("stores a file_deleted event for the phase with the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = { path: "old_file.txt" };
    const event = await emitFileDeleted(emitter, AUDIT_ID, 5, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.FILE_DELETED);
    expect(record.phase).toBe(5);
    expect(record.data).toStrictEqual(payload);
  });

  it("keeps extra fields", async () => {
    const { emitter, storage } = setup();
    const payload = { path: "old_file.txt", reason: "superseded", size_bytes_before: 10 };
    await emitFileDeleted(emitter, AUDIT_ID, 5, payload);
    expect(onlyRecord(storage).data).toStrictEqual(payload);
  });
});
