import { describe, expect, it } from "vitest";
import { EVENT_VALIDATION_ERROR } from "../src/errors/event-validation-error.js";
import { UNKNOWN_EVENT_TYPE } from "../src/errors/unknown-event-type-error.js";
import {
  Event,
  EventEmitter,
  EventType,
  EventValidationError,
  isEventValidationError,
  isUnknownEventTypeError,
  UnknownEventTypeError,
} from "../src/index.js";
import { checkRecord } from "../src/store-kit.js";
import { AUDIT_ID, captureError, makeRecord, uuid } from "./helpers.js";

/** Assigns through a cast, as plain JavaScript could. */
function assign(target: unknown, key: string | number, value: unknown): void {
  (target as Record<string | number, unknown>)[key] = value;
}

const base = {
  id: uuid(7),
  type: EventType.FILE_MODIFIED,
  timestamp: "2025-12-05T10:15:30.123Z",
  auditId: AUDIT_ID,
  phase: 2,
};

describe("new Event(init)", () => {
  it("builds an event from camelCase init", () => {
    const event = new Event({ ...base, data: { path: "a.ts", size_bytes: 3 } });
    expect(event).toMatchObject({ ...base, data: { path: "a.ts", size_bytes: 3 } });
    expect(event.toDict().audit_id).toBe(AUDIT_ID);
  });

  it("defaults phase to null and data to {}", () => {
    const event = new Event({
      id: uuid(1),
      type: "audit_started",
      timestamp: base.timestamp,
      auditId: "a",
    });
    expect(event.phase).toBeNull();
    expect(event.data).toEqual({});
  });

  it("validates like fromDict", () => {
    expect(() => new Event({ ...base, id: "not-a-uuid" })).toThrow(EventValidationError);
    expect(() => new Event({ ...base, phase: null })).toThrow(/phase/);
    expect(() => new Event({ ...base, type: "file_renamed" as EventType })).toThrow(
      UnknownEventTypeError,
    );
  });
});

describe("immutability", () => {
  const event = new Event({
    ...base,
    data: { path: "a.ts", size_bytes: 3, meta: { tags: ["x", { deep: true }] } },
  });

  it.each(["id", "type", "timestamp", "auditId", "phase", "data"])("assigning %s throws", (key) => {
    expect(() => assign(event, key, "changed")).toThrow(TypeError);
  });

  it("adding a property to the event throws", () => {
    expect(() => assign(event, "extra", 1)).toThrow(TypeError);
  });

  it("data is deeply frozen", () => {
    const meta = event.data.meta as { tags: unknown[] };
    expect(() => assign(event.data, "path", "b.ts")).toThrow(TypeError);
    expect(() => assign(event.data, "new_field", 1)).toThrow(TypeError);
    expect(() => assign(meta, "tags", [])).toThrow(TypeError);
    expect(() => assign(meta.tags, 0, "y")).toThrow(TypeError);
    expect(() => meta.tags.push("z")).toThrow(TypeError);
    expect(() => assign(meta.tags[1], "deep", false)).toThrow(TypeError);
    expect(event.data).toEqual({
      path: "a.ts",
      size_bytes: 3,
      meta: { tags: ["x", { deep: true }] },
    });
  });

  it("the wire record from toDict() is frozen too", () => {
    const dict = event.toDict();
    expect(() => assign(dict, "phase", 9)).toThrow(TypeError);
    expect(() => assign(dict.data, "path", "b.ts")).toThrow(TypeError);
  });

  it("copies the caller's data instead of freezing or sharing it", async () => {
    const data = { description: "Setup", file: "01.md", nested: { n: 1 } };
    const emitted = await new EventEmitter().emit("phase_started", AUDIT_ID, { phase: 1, data });
    data.nested.n = 2;
    data.description = "changed";
    expect(Object.isFrozen(data)).toBe(false);
    expect(emitted.data).toEqual({ description: "Setup", file: "01.md", nested: { n: 1 } });
  });
});

describe("Event.fromDict", () => {
  it("round-trips toDict() and JSON", () => {
    const event = new Event({ ...base, data: { path: "a.ts", lines_added: 5, extra: [1, null] } });
    expect(Event.fromDict(event.toDict()).toDict()).toStrictEqual(event.toDict());
    const parsed = Event.fromDict(JSON.parse(JSON.stringify(event)));
    expect(parsed).toBeInstanceOf(Event);
    expect(parsed.toDict()).toStrictEqual(event.toDict());
  });

  it("keeps extra payload fields", () => {
    const record = makeRecord({ data: { description: "x", file: "y", owner: { team: "infra" } } });
    expect(Event.fromDict(record).data).toEqual({
      description: "x",
      file: "y",
      owner: { team: "infra" },
    });
  });

  it("defaults a missing phase to null and missing data to {}", () => {
    const { phase: _p, data: _d, ...rest } = makeRecord({ type: "audit_abandoned" });
    const event = Event.fromDict(rest);
    expect(event.phase).toBeNull();
    expect(event.data).toEqual({});
  });

  it("throws UnknownEventTypeError for an unknown type", () => {
    const error = captureError(() => Event.fromDict(makeRecord({ type: "phase_paused" })));
    expect(error).toBeInstanceOf(UnknownEventTypeError);
    expect(isUnknownEventTypeError(error)).toBe(true);
    expect(isEventValidationError(error)).toBe(false);
    expect(error).toMatchObject({ code: UNKNOWN_EVENT_TYPE, type: "phase_paused", field: "type" });
    expect(UNKNOWN_EVENT_TYPE).toBe("UNKNOWN_EVENT_TYPE");
    expect((error as Error).message).toContain("phase_paused");
  });

  const bad: ReadonlyArray<[string, unknown, string]> = [
    ["a non-object record", "event", "(root)"],
    ["an array record", [], "(root)"],
    ["null", null, "(root)"],
    ["a missing id", makeRecord({ id: undefined }), "id"],
    ["an id that is not a UUID", makeRecord({ id: "evt-1" }), "id"],
    ["an upper-case UUID", makeRecord({ id: "0B7E5C1A-2F3D-4E5F-9A8B-7C6D5E4F3A2B" }), "id"],
    ["a UUID v1", makeRecord({ id: "0b7e5c1a-2f3d-1e5f-9a8b-7c6d5e4f3a2b" }), "id"],
    ["a missing type", makeRecord({ type: undefined }), "type"],
    ["a numeric type", makeRecord({ type: 5 }), "type"],
    [
      "a timestamp with a space for T",
      makeRecord({ timestamp: "2025-12-05 10:15:30.123Z" }),
      "timestamp",
    ],
    [
      "a non-UTC timestamp",
      makeRecord({ timestamp: "2025-12-05T10:15:30.123+02:00" }),
      "timestamp",
    ],
    ["an impossible date", makeRecord({ timestamp: "2025-13-45T10:15:30.123Z" }), "timestamp"],
    [
      "a day that does not exist (Feb 30)",
      makeRecord({ timestamp: "2025-02-30T10:15:30.123Z" }),
      "timestamp",
    ],
    ["an empty audit_id", makeRecord({ audit_id: "" }), "audit_id"],
    ["a missing audit_id", makeRecord({ audit_id: undefined }), "audit_id"],
    ["phase 0", makeRecord({ phase: 0 }), "phase"],
    ["phase 1.5", makeRecord({ phase: 1.5 }), "phase"],
    ['phase "3"', makeRecord({ phase: "3" }), "phase"],
    ["a missing phase on a phase-level type", makeRecord({ phase: null }), "phase"],
    ["a phase on an audit-level type", makeRecord({ type: "audit_started", data: {} }), "phase"],
    ["array data", makeRecord({ data: [] }), "data"],
    ["string data", makeRecord({ data: "Setup" }), "data"],
    ["Date data", makeRecord({ data: new Date() }), "data"],
    ["NaN in data", makeRecord({ data: { description: Number.NaN } }), "data.description"],
    ["a wrong payload type", makeRecord({ data: { description: 42 } }), "data.description"],
  ];

  it.each(bad)("rejects %s with EventValidationError naming the field", (_name, input, field) => {
    const error = captureError(() => Event.fromDict(input));
    expect(error).toBeInstanceOf(EventValidationError);
    expect(isEventValidationError(error)).toBe(true);
    expect(error).toMatchObject({
      code: EVENT_VALIDATION_ERROR,
      field,
      name: "EventValidationError",
    });
    expect(EVENT_VALIDATION_ERROR).toBe("EVENT_VALIDATION_ERROR");
    expect((error as EventValidationError).issues[0]?.field).toBe(field);
    expect((error as Error).message).toContain(field);
  });

  it.each(["append", "stored"] as const)(
    "throws UnknownEventTypeError for a record a store already checked (%s)",
    (mode) => {
      // stores keep unknown types (checkRecord(..., "append" | "stored")) and hand those
      // frozen records back from getEvents; fromDict must still refuse the type
      const stored = checkRecord(
        JSON.parse(JSON.stringify(makeRecord({ type: "phase_paused" }))),
        mode,
      );
      const error = captureError(() => Event.fromDict(stored));
      expect(isUnknownEventTypeError(error)).toBe(true);
      expect(error).toMatchObject({ code: UNKNOWN_EVENT_TYPE, type: "phase_paused" });
    },
  );

  it("accepts records other tools wrote without some payload fields", () => {
    const record = makeRecord({
      type: "audit_completed",
      phase: null,
      data: { phases_completed: 2 },
    });
    expect(Event.fromDict(record).data).toEqual({ phases_completed: 2 });
    expect(new Event({ ...base, data: { path: "a.ts" } }).data).toEqual({ path: "a.ts" });
  });

  it("the guards recognise errors from another copy of the package by code", () => {
    expect(isEventValidationError({ code: "EVENT_VALIDATION_ERROR" })).toBe(true);
    expect(isUnknownEventTypeError({ code: "UNKNOWN_EVENT_TYPE" })).toBe(true);
    expect(isEventValidationError(new Error("x"))).toBe(false);
    expect(isEventValidationError(null)).toBe(false);
  });
});
