import { describe, expect, it } from "vitest";
import { STORAGE_NOT_CONFIGURED } from "../src/errors/storage-not-configured-error.js";
import {
  Event,
  EventEmitter,
  EventType,
  isStorageNotConfiguredError,
  StorageNotConfiguredError,
} from "../src/index.js";
import { AUDIT_ID, createFakeStorage, makeRecord, nextTurn, uuid, validData } from "./helpers.js";

const OTHER_AUDIT = "9e8d7c6b-5a49-4838-a726-150f0e0d0c0b";
const T1 = "2025-12-05T10:00:01.000Z";
const T2 = "2025-12-05T10:00:02.000Z";
const T3 = "2025-12-05T10:00:03.000Z";

/** Stored in append order, deliberately not in timestamp order. */
function seededStorage() {
  return createFakeStorage({
    records: [
      makeRecord({ id: uuid(1), timestamp: T3, type: "audit_completed", phase: null, data: {} }),
      makeRecord({ id: uuid(2), timestamp: T1, type: "audit_started", phase: null, data: {} }),
      makeRecord({ id: uuid(3), timestamp: T2, phase: 1 }),
      makeRecord({ id: uuid(4), timestamp: T2, type: "phase_paused", phase: 1 }),
      makeRecord({
        id: uuid(5),
        timestamp: T1,
        audit_id: OTHER_AUDIT,
        type: "audit_started",
        phase: null,
      }),
      makeRecord({ id: uuid(6), timestamp: T2, type: "phase_completed", phase: 1, data: {} }),
      makeRecord({ id: uuid(7), timestamp: T1, type: "phase_started", phase: 1, future: true }),
    ],
  });
}

describe("replay", () => {
  it("delivers the audit's events as Event instances in timestamp order, ties in append order", async () => {
    const storage = seededStorage();
    const emitter = new EventEmitter({ storage });
    const seen: Event[] = [];
    const count = await emitter.replay(AUDIT_ID, (event) => {
      seen.push(event);
    });

    expect(storage.getEvents).toHaveBeenCalledWith(expect.objectContaining({ auditId: AUDIT_ID }));
    for (const event of seen) expect(event).toBeInstanceOf(Event);
    expect(seen.map((event) => event.id)).toEqual([uuid(2), uuid(7), uuid(3), uuid(6), uuid(1)]);
    expect(count).toBe(5);
  });

  it("skips unknown event types, does not count them, and leaves them in storage", async () => {
    const storage = seededStorage();
    const seenTypes: string[] = [];
    const count = await new EventEmitter({ storage }).replay(AUDIT_ID, (event) => {
      seenTypes.push(event.type);
    });
    expect(seenTypes).not.toContain("phase_paused");
    expect(count).toBe(seenTypes.length);
    expect(storage.records.some((record) => record.type === "phase_paused")).toBe(true);
  });

  it("keeps unknown top-level fields of replayed records", async () => {
    const replayed: Event[] = [];
    await new EventEmitter({ storage: seededStorage() }).replay(AUDIT_ID, (e) => {
      replayed.push(e);
    });
    expect(replayed.find((event) => event.id === uuid(7))?.toDict()).toMatchObject({
      future: true,
    });
  });

  it("returns 0 for an audit with no events", async () => {
    const calls: Event[] = [];
    const count = await new EventEmitter({ storage: seededStorage() }).replay(
      "missing-audit",
      (e) => {
        calls.push(e);
      },
    );
    expect(count).toBe(0);
    expect(calls).toEqual([]);
  });

  it("round-trips what the emitter stored", async () => {
    const emitter = new EventEmitter({ storage: createFakeStorage() });
    const emitted = [
      await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, {
        data: { project: "P", slug: "s", phases_total: 1, git_branch: "main" },
      }),
      await emitter.emit(EventType.PHASE_STARTED, AUDIT_ID, {
        phase: 1,
        data: { description: "d", file: "01.md", extra: [1] },
      }),
      await emitter.emit(EventType.AUDIT_COMPLETED, AUDIT_ID, {
        data: validData("audit_completed"),
      }),
    ];
    const replayed: Event[] = [];
    await emitter.replay(AUDIT_ID, (event) => {
      replayed.push(event);
    });
    expect(replayed.map((event) => event.toDict())).toStrictEqual(emitted.map((e) => e.toDict()));
  });

  it('rejects with "Cannot replay events without storage configured" when there is no storage', async () => {
    const emitter = new EventEmitter();
    const error = await emitter.replay(AUDIT_ID, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageNotConfiguredError);
    expect((error as Error).message).toBe("Cannot replay events without storage configured");
    expect(isStorageNotConfiguredError(error)).toBe(true);
    expect(error).toMatchObject({
      code: STORAGE_NOT_CONFIGURED,
      name: "StorageNotConfiguredError",
    });
    expect(STORAGE_NOT_CONFIGURED).toBe("STORAGE_NOT_CONFIGURED");
  });

  it("rejects an empty audit id", async () => {
    const emitter = new EventEmitter({ storage: seededStorage() });
    await expect(emitter.replay("", () => {})).rejects.toMatchObject({ field: "audit_id" });
  });

  it("awaits an async callback before delivering the next event", async () => {
    const log: string[] = [];
    const count = await new EventEmitter({ storage: seededStorage() }).replay(
      AUDIT_ID,
      async (e) => {
        log.push(`start ${e.id.slice(-1)}`);
        await nextTurn();
        log.push(`end ${e.id.slice(-1)}`);
      },
    );
    expect(count).toBe(5);
    expect(log).toEqual(["2", "7", "3", "6", "1"].flatMap((n) => [`start ${n}`, `end ${n}`]));
  });

  it("rejects with the callback's error and stops", async () => {
    const failure = new Error("callback broke");
    const seen: string[] = [];
    const emitter = new EventEmitter({ storage: seededStorage() });
    const replaying = emitter.replay(AUDIT_ID, async (event) => {
      seen.push(event.id);
      if (seen.length === 2) throw failure;
    });
    await expect(replaying).rejects.toBe(failure);
    expect(seen).toHaveLength(2);
  });
});
