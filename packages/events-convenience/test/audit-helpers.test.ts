import { EventType, isEventValidationError } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { emitAuditAbandoned, emitAuditCompleted, emitAuditStarted } from "../src/index.js";
import { AUDIT_ID, onlyRecord, setup } from "./fake-storage.js";

describe("emitAuditStarted", () => {
  it("stores an audit_started event with phase null and the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = {
      project: "Phaser",
      slug: "v1.2-infrastructure",
      phases_total: 6,
      git_branch: "main",
      git_commit: "abc123def",
    };
    const event = await emitAuditStarted(emitter, AUDIT_ID, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.AUDIT_STARTED);
    expect(record.audit_id).toBe(AUDIT_ID);
    expect(record.phase).toBeNull();
    expect(record.data).toStrictEqual(payload);
  });

  it("leaves out the optional git fields when they are not given", async () => {
    const { emitter, storage } = setup();
    await emitAuditStarted(emitter, AUDIT_ID, { project: "Phaser", slug: "s", phases_total: 1 });
    expect(onlyRecord(storage).data).toStrictEqual({
      project: "Phaser",
      slug: "s",
      phases_total: 1,
    });
  });

  it("keeps extra fields", async () => {
    const { emitter, storage } = setup();
    const payload = { project: "P", slug: "s", phases_total: 2, runner: { name: "ci", shard: 3 } };
    await emitAuditStarted(emitter, AUDIT_ID, payload);
    expect(onlyRecord(storage).data).toStrictEqual(payload);
  });

  it("rejects a wrongly typed field with core's EventValidationError and stores nothing", async () => {
    const { emitter, storage } = setup();
    const bad = { project: "P", slug: "s", phases_total: "six" } as unknown as {
      project: string;
      slug: string;
      phases_total: number;
    };
    const error = await emitAuditStarted(emitter, AUDIT_ID, bad).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isEventValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toBe("data.phases_total");
    expect(storage.records).toHaveLength(0);
  });

  it("rejects with the storage's own error when persisting fails", async () => {
    const { emitter, storage } = setup();
    const failure = new Error("disk full");
    storage.fail = failure;
    await expect(
      emitAuditStarted(emitter, AUDIT_ID, { project: "P", slug: "s", phases_total: 1 }),
    ).rejects.toBe(failure);
  });
});

describe("emitAuditCompleted", () => {
  it("stores an audit_completed event with phase null and the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = {
      duration_seconds: 5400.5,
      phases_completed: 6,
      phases_skipped: 0,
      files_created: 8,
      files_modified: 2,
      files_deleted: 0,
    };
    const event = await emitAuditCompleted(emitter, AUDIT_ID, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.AUDIT_COMPLETED);
    expect(record.phase).toBeNull();
    expect(record.data).toStrictEqual(payload);
  });
});

describe("emitAuditAbandoned", () => {
  it("stores an audit_abandoned event with phase null and the payload as data", async () => {
    const { emitter, storage } = setup();
    const payload = { reason: "timeout", phases_completed: 2, phases_remaining: 4 } as const;
    const event = await emitAuditAbandoned(emitter, AUDIT_ID, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.AUDIT_ABANDONED);
    expect(record.phase).toBeNull();
    expect(record.data).toStrictEqual(payload);
  });
});
