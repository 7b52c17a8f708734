import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ValidationIssue } from "../src/errors/event-validation-error.js";
import { EventEmitter, type EventType, isEventType, PAYLOAD_FIELDS } from "../src/index.js";
import { copyJson } from "../src/json.js";
import { checkPayload, checkRecordFields, isUuidV4 } from "../src/record-rules.js";
import { checkRecord, strictTimestampKey } from "../src/store-kit.js";
import { TIMESTAMP_PATTERN } from "../src/timestamp.js";
import { emitPayloadSchemas, payloadSchemas } from "../src/zod.js";
import {
  buriedValue,
  hostileLeaf,
  knownType,
  missingPayload,
  plainJson,
  timestampText,
  trickyJson,
  unknownTypeString,
  validPayload,
  validPhase,
  wrongPayload,
} from "./fuzz-arbitraries.js";

// The hot paths (emit, a store's load) check records without zod and without
// regular expressions, and the record rules run fast (stop at the first
// problem) or collecting (every problem, for the message). Each pair must
// decide exactly alike.
// Full size in CI (`.ci/run` sets PHASER_FULL_TRIALS=1); a quarter of it in `pnpm test`.
const RUNS = process.env.PHASER_FULL_TRIALS === "1" ? 2_000 : 500;
// A property takes about 2 s at full size on a quiet machine; CI runs every package's trials at once.
// Given to each describe (not `vi.setConfig`, which files sharing a worker do not keep).
const TIMEOUT = process.env.PHASER_FULL_TRIALS === "1" ? 60_000 : 20_000;

/** The spec's UUID v4 rule, as the pattern `isUuidV4` spells out character by character. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The rule before the fast path: the pattern, then a Date round trip. */
function slowCanonicalKey(s: string): number {
  if (!TIMESTAMP_PATTERN.test(s)) return Number.NaN;
  const ms = Date.parse(s);
  return Number.isNaN(ms) || new Date(ms).toISOString() !== s ? Number.NaN : ms * 1000;
}

const anyYear = fc.date({
  min: new Date("0000-01-01T00:00:00.000Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

describe("the fast timestamp reader", { timeout: TIMEOUT }, () => {
  it(`reads every canonical timestamp of years 0000–9999 as Date does (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(anyYear, (date) => {
        expect(strictTimestampKey(date.toISOString())).toBe(date.getTime() * 1000);
      }),
      { numRuns: RUNS },
    );
  });

  it(`agrees with the pattern-and-Date rule on canonical-length text (${RUNS} runs)`, () => {
    const canonicalLength = fc.oneof(
      timestampText.filter((s) => s.length === 24),
      fc.stringMatching(/^\d{4}-[0-9x]{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[Z+]$/),
    );
    fc.assert(
      fc.property(canonicalLength, (s) => {
        const slow = slowCanonicalKey(s);
        // Not canonical: the general reader decides (and never says NaN to a valid instant).
        if (!Number.isNaN(slow)) expect(strictTimestampKey(s)).toBe(slow);
        else if (TIMESTAMP_PATTERN.test(s)) expect(strictTimestampKey(s)).toBeNaN();
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses dates that do not exist, leap days included", () => {
    for (const leap of ["2024-02-29", "2000-02-29", "1600-02-29", "0000-02-29"]) {
      const text = `${leap}T00:00:00.000Z`;
      expect(strictTimestampKey(text), text).toBe(Date.parse(text) * 1000);
    }
    for (const bad of [
      "2025-02-29T00:00:00.000Z",
      "1900-02-29T00:00:00.000Z",
      "2100-02-29T00:00:00.000Z",
      "2025-04-31T00:00:00.000Z",
      "2025-00-10T00:00:00.000Z",
      "2025-12-00T00:00:00.000Z",
      "2025-12-05T24:00:00.000Z",
      "2025-12-05T10:60:00.000Z",
      "2025-12-05T10:15:60.000Z",
      "2025-12-05T10:15:30.1a3Z",
    ]) {
      expect(strictTimestampKey(bad), bad).toBeNaN();
    }
    expect(strictTimestampKey("0050-03-01T00:00:00.000Z")).toBe(
      Date.parse("0050-03-01T00:00:00.000Z") * 1000,
    );
  });
});

describe("the fast UUID check", { timeout: TIMEOUT }, () => {
  const uuidLike = fc.oneof(
    fc.uuid(),
    fc.uuid({ version: 4 }),
    fc.uuid({ version: 4 }).map((u) => u.toUpperCase()),
    fc
      .tuple(fc.uuid({ version: 4 }), fc.nat(35), fc.constantFrom(..."0123456789abcdefgABF-4 "))
      .map(([u, at, c]) => u.slice(0, at) + c + u.slice(at + 1)),
    fc.string({ minLength: 36, maxLength: 36, unit: fc.constantFrom(..."0123456789abcdef-48") }),
    fc.string(),
  );

  it("agrees with the UUID v4 pattern on every one-character change of a UUID", () => {
    const base = "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f8a9b0c";
    const chars = "0123456789abcdefABCDEFgz-4 \u00e9";
    for (let at = 0; at < base.length; at++) {
      for (const c of chars) {
        const s = base.slice(0, at) + c + base.slice(at + 1);
        expect(isUuidV4(s), s).toBe(UUID_V4.test(s));
      }
    }
    for (const s of [base.slice(1), `${base}0`, "", base.replaceAll("-", "")]) {
      expect(isUuidV4(s), s).toBe(false);
    }
  });

  it(`agrees with the UUID v4 pattern (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(uuidLike, (s) => {
        expect(isUuidV4(s)).toBe(UUID_V4.test(s));
      }),
      { numRuns: RUNS },
    );
  });
});

/** Payloads of `type`: valid, one field wrong, required fields missing, or any JSON on its field names. */
function payloadsOf(type: EventType): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    validPayload(type),
    wrongPayload(type).map(([payload]) => payload),
    missingPayload(type).map(([payload]) => payload),
    fc.dictionary(fc.constantFrom(...fieldNames(type), "extra"), plainJson(1)) as fc.Arbitrary<
      Record<string, unknown>
    >,
  );
}

const payloads = knownType.chain((type) => fc.tuple(fc.constant(type), payloadsOf(type)));

describe("the payload rules (PAYLOAD_FIELDS)", { timeout: TIMEOUT }, () => {
  it(`checkPayload accepts exactly what payloadSchemas accepts (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(payloads, ([type, data]) => {
        expect(checkPayload(type, data, false)).toBe(payloadSchemas[type].safeParse(data).success);
      }),
      { numRuns: RUNS },
    );
  });

  it(`checkPayload requiring fields accepts exactly what emitPayloadSchemas accepts (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(payloads, ([type, data]) => {
        expect(checkPayload(type, data, true)).toBe(
          emitPayloadSchemas[type].safeParse(data).success,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it(`the fast and collecting runs of checkPayload agree (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(payloads, fc.boolean(), ([type, data], requireFields) => {
        const issues: ValidationIssue[] = [];
        const collected = checkPayload(type, data, requireFields, issues);
        expect(checkPayload(type, data, requireFields)).toBe(collected);
        expect(issues.length === 0).toBe(collected);
        for (const issue of issues) expect(fieldNames(type)).toContain(issue.field.slice(5));
      }),
      { numRuns: RUNS },
    );
  });

  it("the tie can fail: a missing required field splits the lenient and the strict check", () => {
    const data = { project: "p", slug: "s" };
    expect(checkPayload("audit_started", data, false)).toBe(true);
    expect(checkPayload("audit_started", data, true)).toBe(false);
    expect(payloadSchemas.audit_started.safeParse(data).success).toBe(true);
    expect(emitPayloadSchemas.audit_started.safeParse(data).success).toBe(false);
  });
});

/** A record-like value as a file could hold it: some fields right, some wrong, keys in any order. */
const fileRecord = fc
  .record(
    {
      id: fc.oneof(fc.uuid({ version: 4 }), fc.string()),
      type: fc.oneof(knownType, unknownTypeString),
      timestamp: fc.oneof(
        anyYear.map((d) => d.toISOString()),
        timestampText,
      ),
      audit_id: fc.oneof(fc.uuid(), fc.constant(""), fc.integer()),
      phase: fc.oneof(fc.integer({ min: -1, max: 9 }), fc.constant(null), fc.constant(1.5)),
      data: fc.oneof(
        knownType.chain((type) => validPayload(type)),
        knownType.chain((type) => wrongPayload(type).map(([payload]) => payload)),
        knownType.chain((type) => missingPayload(type).map(([payload]) => payload)),
        plainJson(2),
      ),
      extra: plainJson(1),
    },
    { requiredKeys: ["id", "type", "timestamp", "audit_id"] },
  )
  .chain((record) =>
    fc
      .shuffledSubarray(Object.keys(record), { minLength: Object.keys(record).length })
      .map((keys) => {
        const out: Record<string, unknown> = {};
        for (const key of keys) out[key] = (record as Record<string, unknown>)[key];
        return JSON.stringify(out);
      }),
  );

/** What checking gives: the record's JSON, or the error's name and message. */
function outcome(check: () => unknown): string {
  try {
    return `ok ${JSON.stringify(check())}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe("the record rules, fast and collecting", { timeout: TIMEOUT }, () => {
  const rules = fc.record({ checkIdentity: fc.boolean(), requireFields: fc.boolean() });

  it(`reach the same verdict on any record (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fileRecord, rules, (text, rule) => {
        const value = JSON.parse(text) as Record<string, unknown>;
        if (typeof value !== "object" || value === null || Array.isArray(value)) return;
        const data = value.data === undefined ? {} : value.data;
        const issues: ValidationIssue[] = [];
        const collected = checkRecordFields(value, data, rule, issues);
        expect(checkRecordFields(value, data, rule)).toBe(collected);
        expect(issues.length === 0).toBe(collected);
      }),
      { numRuns: RUNS },
    );
  });

  it("the tie can fail: a record with several problems is refused by both", () => {
    const value = { id: "x", type: "", timestamp: "t", audit_id: "", phase: 0 };
    const rule = { checkIdentity: true, requireFields: true };
    const issues: ValidationIssue[] = [];
    expect(checkRecordFields(value, {}, rule)).toBe(false);
    expect(checkRecordFields(value, {}, rule, issues)).toBe(false);
    expect(issues.map((issue) => issue.field)).toEqual([
      "id",
      "type",
      "timestamp",
      "audit_id",
      "phase",
    ]);
  });
});

describe("copyJson, fast and collecting", { timeout: TIMEOUT }, () => {
  const values = fc.oneof(
    plainJson(3),
    trickyJson,
    hostileLeaf,
    buriedValue(hostileLeaf),
    buriedValue(trickyJson),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(plainJson(1), hostileLeaf), {
      maxKeys: 4,
    }),
  );

  it(`the collecting pass finds a problem exactly when the fast one refuses (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(values, (value) => {
        const issues: ValidationIssue[] = [];
        const copy = copyJson(value, issues);
        if (copy === undefined) {
          // The fast pass refused: the collecting pass must say where, never the fallback.
          expect(issues.length).toBeGreaterThan(0);
          expect(issues).not.toContainEqual({ field: "(root)", message: "is not JSON" });
        } else {
          // The fast pass accepted: JSON keeps the value, so the collecting pass has nothing to say.
          expect(issues).toEqual([]);
          expect(copy).toStrictEqual(JSON.parse(JSON.stringify(value)));
          expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("reports each problem at its path", () => {
    const issues: ValidationIssue[] = [];
    const value = { a: [1, Number.NaN], b: { c: () => 1 }, ok: "x", "odd key": 10n };
    expect(copyJson(value, issues)).toBeUndefined();
    expect(issues.map((issue) => issue.field)).toEqual(["a[1]", "b.c", '["odd key"]']);
  });
});

describe("checking a parsed record in place (stored) and by copy (append)", {
  timeout: TIMEOUT,
}, () => {
  it(`decides and builds exactly alike (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fileRecord, (text) => {
        const inPlace = outcome(() => checkRecord(JSON.parse(text), "stored"));
        const copied = outcome(() => checkRecord(JSON.parse(text), "append"));
        expect(inPlace).toBe(copied);
      }),
      { numRuns: RUNS },
    );
  });

  it("freezes the stored value deeply, in place", () => {
    const value = JSON.parse(
      '{"id":"3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f8a9b0c","type":"file_created","timestamp":"2025-12-05T10:15:30.123Z","audit_id":"a","phase":1,"data":{"path":"x","tags":["a"]}}',
    );
    const record = checkRecord(value, "stored");
    expect(record).toBe(value);
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.data)).toBe(true);
    expect(Object.isFrozen(record.data.tags)).toBe(true);
  });
});

describe("strict emit against lenient reading plus the table", { timeout: TIMEOUT }, () => {
  const emitCase = fc.oneof(knownType, unknownTypeString).chain((type) =>
    fc.record({
      type: fc.constant(type),
      phase: isEventType(type)
        ? fc.oneof(validPhase(type), fc.constantFrom(0, 1.5, -2))
        : fc.constantFrom(null, 1),
      data: isEventType(type)
        ? fc.oneof(
            validPayload(type),
            wrongPayload(type).map(([p]) => p),
            missingPayload(type).map(([p]) => p),
            fc.constantFrom(undefined, null, [], "text"),
          )
        : plainJson(1),
    }),
  );

  it(`emit accepts exactly the records "event" mode accepts with every required field (${RUNS} runs)`, async () => {
    const emitter = new EventEmitter();
    await fc.assert(
      fc.asyncProperty(emitCase, async ({ type, phase, data }) => {
        const options = { phase: phase as number | null, data: data as Record<string, unknown> };
        const emitted = await emitter.emit(type as EventType, "audit-1", options).then(
          (event) => `ok ${JSON.stringify({ ...event.toDict(), id: "", timestamp: "" })}`,
          (error: Error) => error.name,
        );
        const read = outcome(() => ({
          ...checkRecord(
            {
              id: "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f8a9b0c",
              type,
              timestamp: "2025-12-05T10:15:30.123Z",
              audit_id: "audit-1",
              phase: phase ?? null,
              data: data === undefined ? {} : data,
            },
            "event",
          ),
          id: "",
          timestamp: "",
        }));
        if (read.startsWith("ok ") && hasRequiredFields(type, data)) expect(emitted).toBe(read);
        else if (read.startsWith("ok ")) expect(emitted).toBe("EventValidationError");
        else expect(emitted).toBe(read.slice(0, read.indexOf(":")));
      }),
      { numRuns: RUNS },
    );
  });
});

/** Whether `data` holds every field `PAYLOAD_FIELDS` marks required for `type`. */
function hasRequiredFields(type: string, data: unknown): boolean {
  if (!isEventType(type) || typeof data !== "object" || data === null) return false;
  return Object.entries(PAYLOAD_FIELDS[type]).every(
    ([name, rule]) => !rule.required || (data as Record<string, unknown>)[name] !== undefined,
  );
}

function fieldNames(type: EventType): string[] {
  return Object.keys(PAYLOAD_FIELDS[type]);
}
