import { describe, expect, it, vi } from "vitest";
import { type Event, EventEmitter, EventType, StorageError } from "../src/index.js";
import { EventIndex, sortRecords } from "../src/store-kit.js";
import {
  AUDIT_ID,
  createFakeStorage,
  deferred,
  nextTurn,
  steppingClock,
  validData,
} from "./helpers.js";

const started = { data: validData("audit_started") };

describe("create, persist, notify", () => {
  it("awaits appendEvent before any subscriber hears of the event", async () => {
    const stored = deferred();
    const storage = createFakeStorage({ append: () => stored.promise });
    const emitter = new EventEmitter({ storage });
    const subscriber = vi.fn();
    emitter.subscribe(subscriber);

    let settled = false;
    const pending = emitter.emit(EventType.PHASE_STARTED, AUDIT_ID, {
      phase: 1,
      data: validData("phase_started"),
    });
    void pending.then(() => {
      settled = true;
    });
    await nextTurn();

    expect(storage.appendEvent).toHaveBeenCalledTimes(1);
    expect(subscriber).not.toHaveBeenCalled();
    expect(settled).toBe(false);

    stored.resolve();
    const event = await pending;
    expect(subscriber).toHaveBeenCalledTimes(1);
    expect(subscriber).toHaveBeenCalledWith(event);
    expect(storage.appendEvent).toHaveBeenCalledWith(event.toDict());
    expect(storage.records).toEqual([event.toDict()]);
  });

  it("hands the storage the record of the event it resolves with", async () => {
    const storage = createFakeStorage();
    const emitter = new EventEmitter({ storage });
    const event = await emitter.emit(EventType.FILE_CREATED, AUDIT_ID, {
      phase: 2,
      data: { path: "src/a.ts", size_bytes: 10 },
    });
    const [record] = storage.appendEvent.mock.calls[0] ?? [];
    expect(record).toStrictEqual({
      id: event.id,
      type: "file_created",
      timestamp: event.timestamp,
      audit_id: AUDIT_ID,
      phase: 2,
      data: { path: "src/a.ts", size_bytes: 10 },
    });
  });

  it("rejects with the storage's own error and notifies nobody when appendEvent rejects", async () => {
    const failure = new StorageError("disk full", { store: "fake", path: "/tmp/x" });
    const storage = createFakeStorage({ append: () => Promise.reject(failure) });
    const emitter = new EventEmitter({ storage });
    const subscriber = vi.fn();
    emitter.subscribe(subscriber);

    await expect(emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started)).rejects.toBe(failure);
    await nextTurn();
    expect(subscriber).not.toHaveBeenCalled();
    expect(storage.records).toEqual([]);
  });

  it("calls subscribers synchronously, in subscription order", async () => {
    const log: string[] = [];
    const emitter = new EventEmitter({ storage: createFakeStorage() });
    emitter.subscribe(() => {
      log.push("first");
      queueMicrotask(() => log.push("microtask queued by first"));
    });
    emitter.subscribe(() => log.push("second"));
    emitter.subscribe(() => log.push("third"));

    await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    await nextTurn();
    expect(log).toEqual(["first", "second", "third", "microtask queued by first"]);
  });

  it("has notified every subscriber by the time emit resolves", async () => {
    const emitter = new EventEmitter({ storage: createFakeStorage() });
    const heard: Event[] = [];
    emitter.subscribe((event) => heard.push(event));
    const event = await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    expect(heard).toEqual([event]);
    expect(heard[0]).toBe(event);
  });

  it("calls appendEvent in call order for concurrent emits", async () => {
    const gates = Array.from({ length: 20 }, () => deferred());
    let call = 0;
    const storage = createFakeStorage({
      append: () => (gates[call++] as { promise: Promise<void> }).promise,
    });
    const emitter = new EventEmitter({ storage });
    const pending = gates.map((_, n) =>
      emitter.emit(EventType.PHASE_STARTED, AUDIT_ID, {
        phase: 1,
        data: validData("phase_started", { n }),
      }),
    );
    // release the appends in reverse order: the call order must not depend on it
    for (const gate of [...gates].reverse()) gate.resolve();
    const events = await Promise.all(pending);

    const order = storage.appendEvent.mock.calls.map(([record]) => record.data.n);
    expect(order).toEqual(gates.map((_, n) => n));
    expect(events.map((event) => event.data.n)).toEqual(order);
  });
});

describe("timestamps never go backwards", () => {
  const T1 = "2025-12-05T10:00:01.000Z";
  const T2 = "2025-12-05T10:00:02.000Z";
  const T3 = "2025-12-05T10:00:03.000Z";
  const T4 = "2025-12-05T10:00:04.000Z";

  it("reuses the last timestamp when the clock steps back", async () => {
    const emitter = new EventEmitter({ now: steppingClock(T3, T1, T2, T4) });
    const stamps: string[] = [];
    for (let i = 0; i < 4; i++) {
      stamps.push((await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started)).timestamp);
    }
    expect(stamps).toEqual([T3, T3, T3, T4]);
  });

  it("equal timestamps keep emit order in storage, sortRecords, EventIndex and replay", async () => {
    const storage = createFakeStorage();
    const emitter = new EventEmitter({ storage, now: steppingClock(T2, T1, T2, T1, T3) });
    for (let n = 0; n < 5; n++) {
      await emitter.emit(EventType.PHASE_STARTED, AUDIT_ID, {
        phase: 1,
        data: validData("phase_started", { n }),
      });
    }
    const emitted = storage.records.map((record) => record.data.n);
    expect(emitted).toEqual([0, 1, 2, 3, 4]);
    expect(storage.records.map((record) => record.timestamp)).toEqual([T2, T2, T2, T2, T3]);

    expect(sortRecords([...storage.records]).map((r) => r.data.n)).toEqual(emitted);
    const index = new EventIndex();
    index.insert(storage.records);
    expect(index.query({ auditId: AUDIT_ID }).map((r) => r.data.n)).toEqual(emitted);

    const replayed: unknown[] = [];
    await emitter.replay(AUDIT_ID, (event) => replayed.push(event.data.n));
    expect(replayed).toEqual(emitted);
  });

  it("rejects a clock that returns an invalid Date, and stores nothing", async () => {
    const storage = createFakeStorage();
    const emitter = new EventEmitter({ storage, now: () => new Date("nope") });
    await expect(emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started)).rejects.toMatchObject({
      code: "EVENT_VALIDATION_ERROR",
      field: "timestamp",
    });
    expect(storage.appendEvent).not.toHaveBeenCalled();
  });
});
