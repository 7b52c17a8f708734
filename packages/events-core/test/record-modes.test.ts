import { describe, expect, it } from "vitest";
import {
  EventValidationError,
  isEventValidationError,
  isUnknownEventTypeError,
  UnknownEventTypeError,
} from "../src/index.js";
import { checkRecord, checkRecords, MAX_JSON_DEPTH } from "../src/store-kit.js";
import { nest } from "./fuzz-arbitraries.js";
import { captureError, makeRecord, uuid, validData } from "./helpers.js";

const WIRE = ["id", "type", "timestamp", "audit_id", "phase", "data"];
const MODES = ["emit", "event", "append", "stored"] as const;

/** A fresh JSON.parse result, as a store reads it (stored mode may freeze it in place). */
function parsed(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return JSON.parse(JSON.stringify(makeRecord(overrides)));
}

function expectDeeplyFrozen(value: unknown): void {
  const pending = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== "object" || item === null) continue;
    expect(Object.isFrozen(item)).toBe(true);
    pending.push(...Object.values(item));
  }
}

describe("checkRecord: which types each mode takes", () => {
  it.each([
    ["emit", false],
    ["event", false],
    ["append", true],
    ["stored", true],
  ] as const)("%s: a type this version does not know is kept: %s", (mode, kept) => {
    const input = parsed({ type: "phase_paused", data: { why: "lunch" } });
    if (kept) {
      const record = checkRecord(input, mode);
      expect(record.type).toBe("phase_paused");
      expect(record.data).toEqual({ why: "lunch" });
    } else {
      const error = captureError(() => checkRecord(input, mode));
      expect(error).toBeInstanceOf(UnknownEventTypeError);
      expect(error).toMatchObject({ type: "phase_paused", field: "type" });
    }
  });

  it.each(MODES)(
    "%s: an empty or missing type is a validation error, not an unknown type",
    (mode) => {
      for (const type of ["", undefined, 5]) {
        const error = captureError(() => checkRecord(parsed({ type }), mode));
        expect(isEventValidationError(error), String(type)).toBe(true);
        expect(isUnknownEventTypeError(error)).toBe(false);
        expect(error).toMatchObject({ field: "type" });
      }
    },
  );
});

describe("checkRecord: required payload fields", () => {
  const incomplete = () => parsed({ type: "file_modified", data: { path: "a.ts" } });

  it("emit requires them", () => {
    const error = captureError(() => checkRecord(incomplete(), "emit"));
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).issues.map((issue) => issue.field)).toEqual([
      "data.size_bytes",
      "data.lines_added",
      "data.lines_removed",
    ]);
    const complete = parsed({ type: "file_modified", data: validData("file_modified") });
    expect(checkRecord(complete, "emit").data).toEqual(validData("file_modified"));
  });

  it.each(["event", "append", "stored"] as const)("%s does not", (mode) => {
    expect(checkRecord(incomplete(), mode).data).toEqual({ path: "a.ts" });
  });
});

describe("checkRecord: the id and timestamp", () => {
  const made = () => parsed({ id: "evt-1", timestamp: "2025-02-30T10:15:30.123Z" });

  it("emit does not check the form of the id and timestamp it just made", () => {
    expect(checkRecord(made(), "emit")).toMatchObject({ id: "evt-1" });
  });

  it.each(["event", "append", "stored"] as const)("%s checks them", (mode) => {
    const error = captureError(() => checkRecord(made(), mode));
    expect((error as EventValidationError).issues.map((issue) => issue.field)).toEqual([
      "id",
      "timestamp",
    ]);
  });
});

describe("checkRecord: copy or reuse", () => {
  it.each(["emit", "event", "append"] as const)(
    "%s copies: the caller keeps its object",
    (mode) => {
      const input = parsed({ data: { ...validData("phase_started"), tags: ["a"] } });
      const record = checkRecord(input, mode);
      expect(record).not.toBe(input);
      expect(record.data).not.toBe(input.data);
      expect(Object.isFrozen(input)).toBe(false);
      expect(Object.isFrozen(input.data)).toBe(false);
      expectDeeplyFrozen(record);
      (input.data as { tags: string[] }).tags.push("b");
      expect(record.data.tags).toEqual(["a"]);
    },
  );

  it("stored reuses the object when its keys are the wire keys in wire order, frozen in place", () => {
    const input = parsed({ data: { description: "d", file: "f", tags: ["a", { deep: [1] }] } });
    expect(Object.keys(input)).toEqual(WIRE);
    const record = checkRecord(input, "stored");
    expect(record).toBe(input);
    expectDeeplyFrozen(input);
  });

  it("stored rebuilds in wire order when the keys are not, still without copying data", () => {
    const { id, ...rest } = parsed();
    const input: Record<string, unknown> = { ...rest, host: "ci-7", id };
    const record = checkRecord(input, "stored");
    expect(record).not.toBe(input);
    expect(Object.keys(record)).toEqual([...WIRE, "host"]);
    expect(record.data).toBe(input.data);
    expectDeeplyFrozen(record);
    expectDeeplyFrozen(input.data);
  });

  it("stored defaults a missing phase and data", () => {
    const { phase: _phase, data: _data, ...input } = parsed({ type: "audit_completed" });
    const record = checkRecord(input, "stored");
    expect(record).toStrictEqual({ ...input, phase: null, data: {} });
    expect(Object.keys(record)).toEqual(WIRE);
  });

  it("stored refuses nesting deeper than MAX_JSON_DEPTH with a validation error, freezing nothing", () => {
    const input = parsed({ data: nest(MAX_JSON_DEPTH + 5, 1) });
    const error = captureError(() => checkRecord(input, "stored"));
    expect(isEventValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/nested deeper than 512 levels/);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.data)).toBe(false);
  });

  it("append and stored build the same record from the same text", () => {
    const text = JSON.stringify({ extra: 1, ...makeRecord({ type: "phase_paused" }) });
    expect(checkRecord(JSON.parse(text), "stored")).toStrictEqual(
      checkRecord(JSON.parse(text), "append"),
    );
  });

  it("a record checkRecord returned passes again as it is, except where the mode asks more", () => {
    const unknown = checkRecord(parsed({ type: "phase_paused" }), "append");
    expect(checkRecord(unknown, "append")).toBe(unknown);
    expect(checkRecord(unknown, "stored")).toBe(unknown);
    expect(() => checkRecord(unknown, "event")).toThrow(UnknownEventTypeError);
    const incomplete = checkRecord(parsed({ data: { description: "d" } }), "append");
    expect(checkRecord(incomplete, "event")).toBe(incomplete);
    expect(() => checkRecord(incomplete, "emit")).toThrow(/data\.file: is required/);
  });
});

describe("checkRecord: the context of the message", () => {
  it("defaults to Invalid event", () => {
    expect(() => checkRecord("x", "append")).toThrow(
      "Invalid event: (root): an event record must be a plain object",
    );
  });

  it("starts the message when given", () => {
    expect(() => checkRecord(parsed({ audit_id: "" }), "stored", "Invalid line 7")).toThrow(
      /^Invalid line 7: audit_id: must be a non-empty string$/,
    );
  });
});

describe("checkRecords", () => {
  it("checks every record and returns them in order, frozen", () => {
    const inputs = [
      parsed({ id: uuid(1) }),
      parsed({ id: uuid(2), type: "x_y" }),
      parsed({ id: uuid(3) }),
    ];
    const records = checkRecords(inputs, "append");
    expect(records.map((r) => r.id)).toEqual([uuid(1), uuid(2), uuid(3)]);
    expect(records.map((r) => r.type)).toEqual(["phase_started", "x_y", "phase_started"]);
    for (const record of records) expectDeeplyFrozen(record);
  });

  it("names the index of a bad record", () => {
    const inputs = [parsed({ id: uuid(1) }), parsed({ id: uuid(2) }), parsed({ phase: 0 })];
    const error = captureError(() => checkRecords(inputs, "append"));
    expect(isEventValidationError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Invalid event record at index 2: phase: must be 1 or more (phases are 1-indexed)",
    );
    expect(() => checkRecords([parsed(), "nope"], "stored")).toThrow(
      /^Invalid event record at index 1: \(root\)/,
    );
  });

  it("takes an empty batch", () => {
    expect(checkRecords([], "append")).toEqual([]);
  });
});

describe("checkRecords with an unknown type", () => {
  it("names the index of the record in UnknownEventTypeError's message", () => {
    const inputs = [makeRecord(), makeRecord({ type: "phase_paused" })];
    expect(() => checkRecords(inputs, "event")).toThrow(
      /^Invalid event record at index 1: Unknown event type "phase_paused"/,
    );
  });
});
