import { describe, expect, it, vi } from "vitest";
import {
  EVENT_TYPES,
  Event,
  EventEmitter,
  type EventType,
  EventValidationError,
  isEventValidationError,
  isPhaseLevelEventType,
} from "../src/index.js";
import { checkRecord } from "../src/store-kit.js";
import { fieldsOf, wrongValues } from "./fuzz-arbitraries.js";
import {
  AUDIT_ID,
  createFakeStorage,
  emitUnchecked,
  makeRecord,
  validData,
  validOptions,
} from "./helpers.js";

/** Every field of every type, from the table: `[type, field, kind, required]`. */
const FIELDS = EVENT_TYPES.flatMap((type) =>
  fieldsOf(type).map((f) => [type, f.name, f.kind, f.required] as const),
);
const REQUIRED = FIELDS.filter(([, , , required]) => required).map(([type, field]) => [
  type,
  field,
]);
const OPTIONAL = FIELDS.filter(([, , , required]) => !required).map(([type, field]) => [
  type,
  field,
]);

/** `data` without `field`. */
function without(data: object, field: string): Record<string, unknown> {
  const { [field]: _dropped, ...rest } = data as Record<string, unknown>;
  return rest;
}

/** An emitter over a storage that records appends, with a subscriber that records what it hears. */
function setup() {
  const storage = createFakeStorage();
  const emitter = new EventEmitter({ storage });
  const subscriber = vi.fn();
  emitter.subscribe(subscriber);
  return { storage, emitter, subscriber };
}

async function rejection(pending: Promise<unknown>): Promise<unknown> {
  return pending.then(
    () => expect.fail("emit resolved"),
    (error: unknown) => error,
  );
}

describe("emit requires each type's required payload fields", () => {
  it("the table has required fields for every type, and the spec's two optional ones plus the trace fields", () => {
    for (const type of EVENT_TYPES) {
      expect(
        REQUIRED.some(([t]) => t === type),
        type,
      ).toBe(true);
    }
    expect(OPTIONAL).toEqual([
      ["audit_started", "git_branch"],
      ["audit_started", "git_commit"],
      ["audit_started", "trace_id"],
      ["audit_started", "parent_span_id"],
      ["audit_started", "trace_state"],
    ]);
  });

  it.each(REQUIRED)(
    "%s without data.%s is refused, nothing stored, nobody notified",
    async (type, field) => {
      const { storage, emitter, subscriber } = setup();
      const options = validOptions(type as EventType);
      const data = without(options.data, field as string);
      const error = await rejection(
        emitUnchecked(emitter, type as string, AUDIT_ID, { ...options, data }),
      );
      expect(error).toBeInstanceOf(EventValidationError);
      expect(isEventValidationError(error)).toBe(true);
      expect(error).toMatchObject({
        field: `data.${field}`,
        issues: [{ field: `data.${field}`, message: `is required for ${type} events` }],
      });
      expect((error as Error).message).toBe(
        `Invalid ${type} event: data.${field}: is required for ${type} events`,
      );
      expect(storage.appendEvent).not.toHaveBeenCalled();
      expect(storage.records).toEqual([]);
      expect(subscriber).not.toHaveBeenCalled();
    },
  );

  it.each(REQUIRED)("%s with data.%s set to undefined is refused too", async (type, field) => {
    const { storage, emitter } = setup();
    const options = validOptions(type as EventType, { [field as string]: undefined });
    const error = await rejection(emitUnchecked(emitter, type as string, AUDIT_ID, options));
    expect(error).toMatchObject({ field: `data.${field}` });
    expect(storage.appendEvent).not.toHaveBeenCalled();
  });

  it.each(EVENT_TYPES)(
    "%s without data names every required field, in table order",
    async (type) => {
      const { storage, emitter, subscriber } = setup();
      const phase = isPhaseLevelEventType(type) ? 1 : null;
      const error = await rejection(emitUnchecked(emitter, type, AUDIT_ID, { phase }));
      const required = REQUIRED.filter(([t]) => t === type).map(([, field]) => `data.${field}`);
      expect(isEventValidationError(error)).toBe(true);
      expect((error as EventValidationError).issues.map((issue) => issue.field)).toEqual(required);
      expect(storage.appendEvent).not.toHaveBeenCalled();
      expect(subscriber).not.toHaveBeenCalled();
    },
  );

  it.each(EVENT_TYPES)("%s with a complete payload is stored and heard", async (type) => {
    const { storage, emitter, subscriber } = setup();
    const event = await emitter.emit(type, AUDIT_ID, validOptions(type));
    expect(event.data).toEqual(validData(type));
    expect(storage.records).toEqual([event.toDict()]);
    expect(subscriber).toHaveBeenCalledWith(event);
  });

  it("the optional git_branch and git_commit may be left out, or given", async () => {
    const { storage, emitter } = setup();
    const data = { project: "p", slug: "s", phases_total: 2 };
    const bare = await emitter.emit("audit_started", AUDIT_ID, { data });
    expect(bare.data).toStrictEqual(data);
    const full = { ...data, git_branch: "main", git_commit: "abc123" };
    expect((await emitter.emit("audit_started", AUDIT_ID, { data: full })).data).toStrictEqual(
      full,
    );
    expect(storage.records).toHaveLength(2);
  });
});

describe("emit refuses payload fields of the wrong kind", () => {
  it.each(FIELDS)("%s.%s", async (type, field, kind) => {
    const { storage, emitter, subscriber } = setup();
    for (const wrong of wrongValues(kind)) {
      const options = validOptions(type, { [field]: wrong });
      const error = await rejection(emitUnchecked(emitter, type, AUDIT_ID, options));
      expect(error, `${field}: ${String(wrong)}`).toMatchObject({
        code: "EVENT_VALIDATION_ERROR",
        field: `data.${field}`,
      });
    }
    expect(storage.appendEvent).not.toHaveBeenCalled();
    expect(subscriber).not.toHaveBeenCalled();
  });
});

describe("reading stays lenient about missing payload fields", () => {
  it.each(REQUIRED)("a %s record without data.%s is accepted", (type, field) => {
    const data = without(validData(type as EventType), field as string);
    const record = makeRecord({
      type,
      phase: isPhaseLevelEventType(type as EventType) ? 1 : null,
      data,
    });
    expect(Event.fromDict(record).data).toStrictEqual(data);
    expect(new Event({ ...fromRecord(record), data }).data).toStrictEqual(data);
    for (const mode of ["event", "append", "stored"] as const) {
      expect(checkRecord(JSON.parse(JSON.stringify(record)), mode).data, mode).toStrictEqual(data);
    }
    expect(() => checkRecord(record, "emit")).toThrow(
      `data.${field}: is required for ${type} events`,
    );
  });

  it("a record with no data at all is accepted, and its data is {}", () => {
    const { data: _data, ...record } = makeRecord({ type: "phase_failed", phase: 2 });
    expect(Event.fromDict(record).data).toEqual({});
    expect(checkRecord(record, "append").data).toEqual({});
  });

  it("a present field must still be of its kind", () => {
    const record = makeRecord({ type: "phase_failed", phase: 2, data: { attempts: 0 } });
    expect(() => Event.fromDict(record)).toThrow(
      /data\.attempts: must be a whole number, 1 or more/,
    );
    expect(() => checkRecord(record, "append")).toThrow(EventValidationError);
  });
});

describe("a type known only at run time", () => {
  it("type-checks with any data, and is checked at run time", async () => {
    const { storage, emitter } = setup();
    const type: EventType = EVENT_TYPES[5] as EventType; // phase_failed, not a literal type
    const error = await rejection(
      emitter.emit(type, AUDIT_ID, { phase: 1, data: { anything: 1 } }),
    );
    expect(error).toMatchObject({ field: "data.error" });
    await expect(emitter.emit(type, AUDIT_ID)).rejects.toThrow(EventValidationError);
    const event = await emitter.emit(type, AUDIT_ID, {
      phase: 1,
      data: { error: "boom", attempts: 1, duration_seconds: 0.5, anything: 1 },
    });
    expect(event.type).toBe("phase_failed");
    expect(storage.records).toHaveLength(1);
  });
});

function fromRecord(record: ReturnType<typeof makeRecord>) {
  return {
    id: record.id,
    type: record.type as EventType,
    timestamp: record.timestamp,
    auditId: record.audit_id,
    phase: record.phase,
  };
}

describe("the emitter's clock", () => {
  it("refuses an instant outside the years 0000 to 9999, which no reader could read back", async () => {
    for (const date of ["+010000-01-01T00:00:00.000Z", "-000001-12-31T23:59:59.999Z"]) {
      const appended: unknown[] = [];
      const emitter = new EventEmitter({
        now: () => new Date(date),
        storage: {
          appendEvent: async (record) => {
            appended.push(record);
          },
          appendEvents: async () => {},
          getEvents: async () => [],
          clearEvents: async () => 0,
        },
      });
      const error = await emitter
        .emit("file_deleted", "audit", { phase: 1, data: { path: "a" } })
        .catch((e: unknown) => e);
      expect(isEventValidationError(error)).toBe(true);
      expect(error).toMatchObject({ field: "timestamp" });
      expect(appended).toEqual([]);
    }
    const edge = new EventEmitter({ now: () => new Date("9999-12-31T23:59:59.999Z") });
    const event = await edge.emit("file_deleted", "audit", { phase: 1, data: { path: "a" } });
    expect(event.timestamp).toBe("9999-12-31T23:59:59.999Z");
  });
});
