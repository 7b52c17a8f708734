import { describe, expect, it, vi } from "vitest";
import {
  Event,
  EventEmitter,
  isEventValidationError,
  isUnknownEventTypeError,
  MAX_OUTPUT_LENGTH,
} from "../src/index.js";
import { checkRecord } from "../src/store-kit.js";
import {
  AUDIT_ID,
  captureError,
  createFakeStorage,
  emitUnchecked,
  makeRecord,
  validData,
} from "./helpers.js";

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

function holey(): number[] {
  const items: number[] = [];
  items[0] = 1;
  items[2] = 3;
  return items;
}

function cyclic(): Record<string, unknown> {
  const data: Record<string, unknown> = { description: "loop", file: "01.md" };
  data.self = data;
  return data;
}

interface BadCase {
  readonly name: string;
  readonly type?: string;
  readonly auditId?: unknown;
  readonly phase?: unknown;
  readonly data?: unknown;
  /** The `field` the error must name. */
  readonly field: string;
  readonly unknownType?: true;
}

/**
 * Each case is a phase_started event (phase 1, a complete payload) unless it
 * says otherwise: only the named field is wrong.
 */
const cases: readonly BadCase[] = [
  { name: "an unknown type", type: "phase_exploded", field: "type", unknownType: true },
  { name: "an empty audit id", auditId: "", field: "audit_id" },
  { name: "a non-string audit id", auditId: 42, field: "audit_id" },
  { name: "phase 0", phase: 0, field: "phase" },
  { name: "phase -1", phase: -1, field: "phase" },
  { name: "phase 1.5", phase: 1.5, field: "phase" },
  { name: 'phase "3"', phase: "3", field: "phase" },
  { name: "null as data", data: null, field: "data" },
  { name: "an array as data", data: ["Setup"], field: "data" },
  { name: "a string as data", data: "Setup", field: "data" },
  { name: "a number as data", data: 7, field: "data" },
  { name: "a Date as data", data: new Date("2025-12-05T10:15:30.123Z"), field: "data" },
  { name: "a class instance as data", data: new Point(1, 2), field: "data" },
  { name: "a Map as data", data: new Map([["a", 1]]), field: "data" },
  { name: "NaN", data: { duration: Number.NaN }, field: "data.duration" },
  { name: "Infinity", data: { duration: Number.POSITIVE_INFINITY }, field: "data.duration" },
  { name: "-Infinity", data: { n: { m: Number.NEGATIVE_INFINITY } }, field: "data.n.m" },
  { name: "a BigInt", data: { size: 10n }, field: "data.size" },
  { name: "a function", data: { callback: () => 1 }, field: "data.callback" },
  { name: "a symbol", data: { tag: Symbol("t") }, field: "data.tag" },
  { name: "undefined inside an array", data: { items: [1, undefined, 3] }, field: "data.items[1]" },
  { name: "a hole in an array", data: { items: holey() }, field: "data.items[1]" },
  { name: "a Date nested in data", data: { at: new Date() }, field: "data.at" },
  { name: "a cycle", data: cyclic(), field: "data.self" },
  {
    name: 'phases_total: "six"',
    type: "audit_started",
    phase: null,
    data: { project: "Phaser", slug: "v1.2", phases_total: "six" },
    field: "data.phases_total",
  },
  {
    name: "exit_code 1 for verification_passed",
    type: "verification_passed",
    data: { command: "true", exit_code: 1, duration_ms: 3 },
    field: "data.exit_code",
  },
  {
    name: "exit_code 0 for verification_failed",
    type: "verification_failed",
    data: { command: "false", exit_code: 0, duration_ms: 3, output: "" },
    field: "data.exit_code",
  },
  {
    name: "output longer than 1000 characters for verification_failed",
    type: "verification_failed",
    data: { command: "false", exit_code: 1, duration_ms: 3, output: "x".repeat(1001) },
    field: "data.output",
  },
  {
    name: "an unknown abandon reason",
    type: "audit_abandoned",
    phase: null,
    data: { reason: "bored", phases_completed: 1, phases_remaining: 2 },
    field: "data.reason",
  },
  {
    name: "an empty path for file_created",
    type: "file_created",
    data: { path: "", size_bytes: 3 },
    field: "data.path",
  },
  {
    name: "attempts 0 for phase_failed",
    type: "phase_failed",
    data: { error: "e", attempts: 0, duration_seconds: 1 },
    field: "data.attempts",
  },
];

/** The payload of a case: a complete phase_started payload plus the case's fields. */
function caseData(c: BadCase): unknown {
  if (!("data" in c)) return validData("phase_started");
  // Other types carry complete payloads of their own; a cycle must not be copied.
  if (c.type !== undefined || !isPlainObject(c.data) || "file" in c.data) return c.data;
  return { ...validData("phase_started"), ...c.data };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function expectNamedError(error: unknown, c: BadCase): void {
  if (c.unknownType === true) {
    expect(isUnknownEventTypeError(error)).toBe(true);
  } else {
    expect(isEventValidationError(error)).toBe(true);
  }
  expect(error).toMatchObject({ field: c.field });
}

describe("emit rejects bad input, stores nothing and notifies nobody", () => {
  it.each(cases)("$name", async (c) => {
    const storage = createFakeStorage();
    const emitter = new EventEmitter({ storage });
    const subscriber = vi.fn();
    emitter.subscribe(subscriber);
    const options = { phase: "phase" in c ? c.phase : 1, data: caseData(c) };
    const auditId = "auditId" in c ? c.auditId : AUDIT_ID;
    const error = await emitUnchecked(emitter, c.type ?? "phase_started", auditId, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expectNamedError(error, c);
    expect(storage.appendEvent).not.toHaveBeenCalled();
    expect(storage.records).toEqual([]);
    expect(subscriber).not.toHaveBeenCalled();
  });
});

describe("fromDict and checkRecord reject the same input", () => {
  it.each(cases)("$name", (c) => {
    const record = {
      ...makeRecord({ type: c.type ?? "phase_started", phase: "phase" in c ? c.phase : 1 }),
      ...("auditId" in c ? { audit_id: c.auditId } : {}),
      data: caseData(c),
    };
    expectNamedError(
      captureError(() => Event.fromDict(record)),
      c,
    );
    expectNamedError(
      captureError(() => checkRecord(record, "event")),
      c,
    );
    if (c.unknownType !== true) {
      expectNamedError(
        captureError(() => checkRecord(record, "append")),
        c,
      );
    }
  });
});

describe("what validation lets through", () => {
  it("keeps extra payload fields in the event and in storage", async () => {
    const storage = createFakeStorage();
    const emitter = new EventEmitter({ storage });
    const data = {
      project: "Phaser",
      slug: "v1.2",
      phases_total: 6,
      ci: { runner: "gha", retries: [1, 2] },
    };
    const event = await emitter.emit("audit_started", AUDIT_ID, { data });
    expect(event.data).toEqual(data);
    expect(storage.records[0]?.data).toEqual(data);
  });

  it("accepts output of exactly MAX_OUTPUT_LENGTH (1000) characters", async () => {
    expect(MAX_OUTPUT_LENGTH).toBe(1000);
    const output = "x".repeat(1000);
    const event = await new EventEmitter().emit("verification_failed", AUDIT_ID, {
      phase: 1,
      data: { command: "false", exit_code: 2, duration_ms: 5, output },
    });
    expect(event.data.output).toBe(output);
  });

  it("drops object properties whose value is undefined, as JSON does", async () => {
    const event = await emitUnchecked(new EventEmitter(), "phase_started", AUDIT_ID, {
      phase: 1,
      data: { description: "Setup", note: undefined, file: "01.md" },
    });
    expect(event.data).toStrictEqual({ description: "Setup", file: "01.md" });
    expect(Object.keys(event.data)).toEqual(["description", "file"]);
  });

  it("accepts a shared (non-cyclic) object twice and Object.create(null) data", async () => {
    const shared = { n: 1 };
    const data = Object.assign(Object.create(null) as Record<string, unknown>, {
      description: "Setup",
      file: "01.md",
      a: shared,
      b: shared,
    }) as { description: string; file: string };
    const event = await new EventEmitter().emit("phase_started", AUDIT_ID, { phase: 1, data });
    expect(event.data).toEqual({ description: "Setup", file: "01.md", a: { n: 1 }, b: { n: 1 } });
  });

  it("checkRecord keeps unknown top-level fields and, in append mode, unknown types", () => {
    const record = makeRecord({ type: "phase_paused", host: "ci-7", labels: ["a"] });
    const checked = checkRecord(record, "append");
    expect(checked).toStrictEqual(record);
    expect(Object.isFrozen(checked)).toBe(true);
    expect(() => checkRecord(record, "event")).toThrow(/phase_paused/);
  });

  it("checkRecord puts the context at the start of the message", () => {
    const error = captureError(() =>
      checkRecord(makeRecord({ phase: 0 }), "append", "Invalid event record at index 3"),
    );
    expect((error as Error).message).toMatch(/^Invalid event record at index 3: phase: /);
  });
});
