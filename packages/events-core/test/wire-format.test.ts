import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  Event,
  EventEmitter,
  EventType,
  isEventValidationError,
  isPhaseLevelEventType,
} from "../src/index.js";
import { AUDIT_ID, emitUnchecked, makeRecord, validData } from "./helpers.js";

const started = { data: validData("audit_started") };

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const SPEC_TYPES = [
  "audit_started",
  "audit_completed",
  "audit_abandoned",
  "phase_started",
  "phase_completed",
  "phase_failed",
  "phase_skipped",
  "verification_passed",
  "verification_failed",
  "file_created",
  "file_modified",
  "file_deleted",
];
const AUDIT_LEVEL = ["audit_started", "audit_completed", "audit_abandoned"];
const PHASE_LEVEL = SPEC_TYPES.filter((type) => !AUDIT_LEVEL.includes(type));

describe("EventType and EVENT_TYPES", () => {
  it("maps each constant to the spec's wire value", () => {
    expect(EventType.PHASE_COMPLETED).toBe("phase_completed");
    expect(EventType.AUDIT_STARTED).toBe("audit_started");
    expect(EventType.FILE_DELETED).toBe("file_deleted");
    expect(Object.values(EventType)).toEqual(SPEC_TYPES);
  });

  it("EVENT_TYPES holds the 12 spec values in spec order and is frozen", () => {
    expect(EVENT_TYPES).toEqual(SPEC_TYPES);
    expect(Object.isFrozen(EVENT_TYPES)).toBe(true);
    expect(EVENT_TYPES.filter((type) => !isPhaseLevelEventType(type))).toEqual(AUDIT_LEVEL);
  });
});

describe("emitted events", () => {
  it("have a fresh lowercase UUID v4 id", async () => {
    const emitter = new EventEmitter();
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const event = await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
      expect(event.id).toMatch(UUID_V4);
      ids.add(event.id);
    }
    expect(ids.size).toBe(50);
  });

  it("have a UTC timestamp with milliseconds taken from the clock", async () => {
    const emitter = new EventEmitter({ now: () => new Date("2025-12-05T12:15:30.123+02:00") });
    const event = await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    expect(event.timestamp).toBe("2025-12-05T10:15:30.123Z");
  });

  it("use the real clock by default", async () => {
    const before = Date.now();
    const event = await new EventEmitter().emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    const after = Date.now();
    expect(event.timestamp).toMatch(TIMESTAMP);
    expect(Date.parse(event.timestamp)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(event.timestamp)).toBeLessThanOrEqual(after);
  });

  it.each(PHASE_LEVEL)("%s requires a phase", async (type) => {
    const emitter = new EventEmitter();
    const data = validData(type as EventType);
    const error = await emitUnchecked(emitter, type, AUDIT_ID, { data }).catch((e: unknown) => e);
    expect(isEventValidationError(error)).toBe(true);
    expect(error).toMatchObject({ field: "phase", issues: [{ field: "phase" }] });
    const event = await emitUnchecked(emitter, type, AUDIT_ID, { phase: 2, data });
    expect(event.phase).toBe(2);
  });

  it.each(AUDIT_LEVEL)("%s rejects a phase and defaults it to null", async (type) => {
    const emitter = new EventEmitter();
    const data = validData(type as EventType);
    const error = await emitUnchecked(emitter, type, AUDIT_ID, { phase: 1, data }).catch((e) => e);
    expect(isEventValidationError(error)).toBe(true);
    expect(error).toMatchObject({ field: "phase", issues: [{ field: "phase" }] });
    const event = await emitUnchecked(emitter, type, AUDIT_ID, { data });
    expect(event.phase).toBeNull();
    expect(event.toDict().phase).toBeNull();
  });

  it("keep the payload they were given, in its key order", async () => {
    const data = { slug: "s", project: "p", phases_total: 0, extra: { a: [1] } };
    const event = await new EventEmitter().emit(EventType.AUDIT_STARTED, AUDIT_ID, { data });
    expect(event.data).toStrictEqual(data);
    expect(Object.keys(event.toDict().data)).toEqual(["slug", "project", "phases_total", "extra"]);
  });
});

describe("the wire record", () => {
  const init = {
    id: "0b7e5c1a-2f3d-4e5f-9a8b-7c6d5e4f3a2b",
    type: EventType.PHASE_STARTED,
    timestamp: "2025-12-05T10:15:30.123Z",
    auditId: AUDIT_ID,
    phase: 3,
    data: { description: "Event Specification", file: ".audit/phases/03-events-spec.md" },
  };

  it("toDict() gives exactly id, type, timestamp, audit_id, phase, data in that order", () => {
    const dict = new Event(init).toDict();
    expect(Object.keys(dict)).toEqual(["id", "type", "timestamp", "audit_id", "phase", "data"]);
    expect(dict).toStrictEqual({
      id: init.id,
      type: "phase_started",
      timestamp: init.timestamp,
      audit_id: AUDIT_ID,
      phase: 3,
      data: init.data,
    });
  });

  it("toJSON() equals toDict()", () => {
    const event = new Event(init);
    expect(event.toJSON()).toStrictEqual(event.toDict());
  });

  it("JSON.stringify(event) gives the wire record", () => {
    const event = new Event(init);
    expect(JSON.stringify(event)).toBe(
      `{"id":"${init.id}","type":"phase_started","timestamp":"2025-12-05T10:15:30.123Z",` +
        `"audit_id":"${AUDIT_ID}","phase":3,"data":{"description":"Event Specification",` +
        `"file":".audit/phases/03-events-spec.md"}}`,
    );
  });

  it("an audit-level record serialises phase as null and data as {}", () => {
    const event = Event.fromDict({
      id: init.id,
      type: "audit_completed",
      timestamp: init.timestamp,
      audit_id: AUDIT_ID,
    });
    expect(JSON.parse(JSON.stringify(event))).toStrictEqual({
      id: init.id,
      type: "audit_completed",
      timestamp: init.timestamp,
      audit_id: AUDIT_ID,
      phase: null,
      data: {},
    });
  });

  it("fromDict keeps unknown top-level fields after the canonical ones", () => {
    const record = { ...makeRecord(), source: "ci", meta: { run: 7 } };
    const dict = Event.fromDict(record).toDict();
    expect(Object.keys(dict)).toEqual([
      "id",
      "type",
      "timestamp",
      "audit_id",
      "phase",
      "data",
      "source",
      "meta",
    ]);
    expect(dict).toStrictEqual(record);
  });

  it("fromDict keeps a top-level __proto__ field as an own field, not as the prototype", () => {
    const json = JSON.stringify(makeRecord()).replace(/}$/, ',"__proto__":{"x":1}}');
    const dict = Event.fromDict(JSON.parse(json)).toDict();
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    expect(Object.keys(dict)).toContain("__proto__");
    expect(JSON.stringify(dict)).toBe(json);
  });
});
