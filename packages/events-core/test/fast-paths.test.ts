import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  EventEmitter,
  type EventType,
  parseEventRecord,
  TIMESTAMP_PATTERN,
  timestampKey,
  UUID_V4_PATTERN,
} from "../src/index.js";
import { payloadIsValid, payloadSchemas } from "../src/payload-schemas.js";
import { isUuidV4 } from "../src/record.js";
import {
  knownType,
  plainJson,
  timestampText,
  unknownTypeString,
  validPayload,
  validPhase,
  wrongPayload,
} from "./fuzz-arbitraries.js";
import { trialRuns, trialTimeout } from "./trial-size.js";

// The hot paths (emit, a store's load) check records without zod and without
// regular expressions. Each must decide exactly as the slow path does.
// A quarter of the full size in `pnpm test`.
const RUNS = trialRuns(500, 2_000);
// The slowest property (the payload check against zod) took up to 5 ms a run with the machine loaded.
const TIMEOUT = trialTimeout(RUNS, 20);

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

describe("the fast timestamp reader", () => {
  it(
    `reads every canonical timestamp of years 0000–9999 as Date does (${RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(anyYear, (date) => {
          expect(timestampKey(date.toISOString())).toBe(date.getTime() * 1000);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `agrees with the pattern-and-Date rule on canonical-length text (${RUNS} runs)`,
    () => {
      const canonicalLength = fc.oneof(
        timestampText.filter((s) => s.length === 24),
        fc.stringMatching(/^\d{4}-[0-9x]{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[Z+]$/),
      );
      fc.assert(
        fc.property(canonicalLength, (s) => {
          const slow = slowCanonicalKey(s);
          // Not canonical: the general reader decides (and never says NaN to a valid instant).
          if (!Number.isNaN(slow)) expect(timestampKey(s)).toBe(slow);
          else if (TIMESTAMP_PATTERN.test(s)) expect(timestampKey(s)).toBeNaN();
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it("refuses dates that do not exist, leap days included", () => {
    for (const leap of ["2024-02-29", "2000-02-29", "1600-02-29", "0000-02-29"]) {
      const text = `${leap}T00:00:00.000Z`;
      expect(timestampKey(text), text).toBe(Date.parse(text) * 1000);
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
      expect(timestampKey(bad), bad).toBeNaN();
    }
    expect(timestampKey("0050-03-01T00:00:00.000Z")).toBe(
      Date.parse("0050-03-01T00:00:00.000Z") * 1000,
    );
  });
});

describe("the fast UUID check", () => {
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

  it("agrees with UUID_V4_PATTERN on every one-character change of a UUID", () => {
    const base = "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f8a9b0c";
    const chars = "0123456789abcdefABCDEFgz-4 \u00e9";
    for (let at = 0; at < base.length; at++) {
      for (const c of chars) {
        const s = base.slice(0, at) + c + base.slice(at + 1);
        expect(isUuidV4(s), s).toBe(UUID_V4_PATTERN.test(s));
      }
    }
    for (const s of [base.slice(1), `${base}0`, "", base.replaceAll("-", "")]) {
      expect(isUuidV4(s), s).toBe(false);
    }
  });

  it(
    `agrees with UUID_V4_PATTERN (${RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(uuidLike, (s) => {
          expect(isUuidV4(s)).toBe(UUID_V4_PATTERN.test(s));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe("the fast payload check", () => {
  const payloads = knownType.chain((type) =>
    fc.tuple(
      fc.constant(type),
      fc.oneof(
        validPayload(type),
        wrongPayload(type).map(([payload]) => payload),
        fc.dictionary(fc.constantFrom(...fieldNames(type), "extra"), plainJson(1)),
      ),
    ),
  );

  it(
    `accepts exactly what the zod schemas accept (${RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(payloads, ([type, data]) => {
          expect(payloadIsValid(type, data)).toBe(payloadSchemas[type].safeParse(data).success);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
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

/** What parsing gives: the record's JSON, or the error's name and message. */
function outcome(parse: () => unknown): string {
  try {
    return `ok ${JSON.stringify(parse())}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe("adopting a parsed record in place", () => {
  it(
    `decides and builds exactly as copying it does (${RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(fileRecord, fc.boolean(), (text, allowUnknownType) => {
          const adopted = outcome(() =>
            parseEventRecord(JSON.parse(text), { adopt: true, allowUnknownType }),
          );
          const copied = outcome(() => parseEventRecord(JSON.parse(text), { allowUnknownType }));
          expect(adopted).toBe(copied);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it("freezes the adopted value deeply", () => {
    const value = JSON.parse(
      '{"id":"3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f8a9b0c","type":"file_created","timestamp":"2025-12-05T10:15:30.123Z","audit_id":"a","phase":1,"data":{"path":"x","tags":["a"]}}',
    );
    const record = parseEventRecord(value, { adopt: true });
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.data)).toBe(true);
    expect(Object.isFrozen(record.data.tags)).toBe(true);
  });
});

describe("the emitter's fast path", () => {
  const emitCase = fc.oneof(knownType, unknownTypeString).chain((type) =>
    fc.record({
      type: fc.constant(type),
      phase: EVENT_TYPES.includes(type as EventType)
        ? fc.oneof(validPhase(type as EventType), fc.constantFrom(0, 1.5, -2))
        : fc.constantFrom(null, 1),
      data: EVENT_TYPES.includes(type as EventType)
        ? fc.oneof(
            validPayload(type as EventType),
            wrongPayload(type as EventType).map(([p]) => p),
            fc.constantFrom(undefined, null, [], "text"),
          )
        : plainJson(1),
    }),
  );

  it(
    `accepts and refuses exactly what parseEventRecord does (${RUNS} runs)`,
    async () => {
      const emitter = new EventEmitter();
      await fc.assert(
        fc.asyncProperty(emitCase, async ({ type, phase, data }) => {
          const options = { phase: phase as number | null, data: data as Record<string, unknown> };
          const fast = await emitter.emit(type as EventType, "audit-1", options).then(
            (event) => `ok ${JSON.stringify({ ...event.toDict(), id: "", timestamp: "" })}`,
            (error: Error) => `${error.name}: ${error.message}`,
          );
          const slow = outcome(() => ({
            ...parseEventRecord({
              id: "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f8a9b0c",
              type,
              timestamp: "2025-12-05T10:15:30.123Z",
              audit_id: "audit-1",
              phase: phase ?? null,
              data: data === undefined ? {} : data,
            }),
            id: "",
            timestamp: "",
          }));
          expect(fast).toBe(slow);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

function fieldNames(type: EventType): string[] {
  const shape = (payloadSchemas[type] as unknown as { shape: Record<string, unknown> }).shape;
  return Object.keys(shape);
}
