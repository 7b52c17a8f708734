import { EVENT_TYPES, type EventRecord, isEventType } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import fc from "fast-check";

/** Sets an own property, also for `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `depth` levels of nested arrays as JSON text, optionally left open (invalid JSON). */
export function deepText(depth: number, closed = true): string {
  return "[".repeat(depth) + (closed ? "]".repeat(depth) : "");
}

const CANONICAL = ["id", "type", "timestamp", "audit_id", "phase", "data"] as const;

const unknownType = fc.oneof(
  fc.constantFrom("phase_paused", "PHASE_STARTED", "__proto__"),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !isEventType(s)),
);

const timestamp = fc
  .date({
    min: new Date("2000-01-01T00:00:00.000Z"),
    max: new Date("2100-01-01T00:00:00.000Z"),
    noInvalidDate: true,
  })
  .chain((date) => {
    const iso = date.toISOString();
    return fc.constantFrom(iso, `${iso.slice(0, 23)}456+00:00`, `${iso.slice(0, 19)}Z`);
  });

/** Timestamps that are not UTC ISO 8601 date-times that exist. */
const badTimestamp = fc.oneof(
  fc.constantFrom(
    "2025-02-30T10:00:00.000Z",
    "2025-12-05T10:15:30.123+01:00",
    "2025-12-05 10:15:30.123Z",
    "2025-12-05T10:15:30.Z",
    "2025-12-05T24:00:00.000Z",
    "2025-12-05T10:15:30.1234567890+00:00",
    "",
  ),
  fc.string({ maxLength: 30 }),
);

/** A valid wire record built with the testkit's `makeRecord`, known or unknown type. */
export const validRecord = fc
  .record({
    id: fc.uuid({ version: 4 }),
    type: fc.oneof({ weight: 3, arbitrary: fc.constantFrom<string>(...EVENT_TYPES) }, unknownType),
    timestamp,
    audit_id: fc.oneof(fc.constant("audit-a"), fc.string({ minLength: 1, maxLength: 10 })),
    data: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 3,
    }),
  })
  .map(({ data, ...fields }) => makeRecord({ ...fields, data: data as never }));

type Change =
  | { readonly kind: "drop"; readonly field: string }
  | { readonly kind: "set"; readonly field: string; readonly value: unknown };

/** Applies field changes to a copy of `record`. */
function mutate(record: object, changes: readonly Change[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) setOwn(out, key, value);
  for (const change of changes) {
    if (change.kind === "drop") delete out[change.field];
    else setOwn(out, change.field, change.value);
  }
  return out;
}

const field = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<string>(...CANONICAL) },
  fc.constantFrom("__proto__", "extra", ""),
);

/** Changes that keep a record JSON (so it can sit in a file). */
const jsonChange: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), field: fc.constantFrom<string>(...CANONICAL) }),
  fc.record({ kind: fc.constant("set" as const), field, value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant("set" as const),
    field: fc.constant("timestamp"),
    value: badTimestamp,
  }),
  fc.record({
    kind: fc.constant("set" as const),
    field: fc.constant("phase"),
    value: fc.constantFrom<unknown>(0, -1, 1.5, "1", null),
  }),
);

/** A record with 1–3 JSON changes: most are invalid, some still valid. */
export const mutatedJsonRecord = fc
  .tuple(validRecord, fc.array(jsonChange, { minLength: 1, maxLength: 3 }))
  .map(([record, changes]) => mutate(record, changes));

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

/** Values JSON would lose or change, made fresh for every run. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, undefined),
  fc.bigInt(),
  fc.func(fc.integer()),
  fc.constant(null).map(() => Symbol("s")),
  fc.date(),
  fc.constant(null).map(() => new Point(1, 2)),
  fc.constant(null).map(() => new Map([["a", 1]])),
  fc.constant(null).map(() => [1, undefined]),
  fc.constant(null).map(() => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    return cyclic;
  }),
  fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withSet: true }),
);

/** Changes that may put anything in a record. */
const anyChange: fc.Arbitrary<Change> = fc.oneof(
  jsonChange,
  fc.record({ kind: fc.constant("set" as const), field, value: hostile }),
  fc.record({
    kind: fc.constant("set" as const),
    field: fc.constant("data"),
    value: hostile.map((value) => ({ value })),
  }),
);

/**
 * A record whose data is nested `depth` levels deep, built only when a property
 * runs: fast-check then prints and shrinks the recipe, never the deep value
 * (its printer and shrinkers recurse too).
 */
export class DeepRecord {
  constructor(readonly depth: number) {}

  build(): EventRecord {
    return makeRecord({ data: { deep: JSON.parse(deepText(this.depth)) } });
  }

  [fc.toStringMethod](): string {
    return `new DeepRecord(${this.depth})`;
  }
}

/** What may be handed to `appendEvent`: mostly broken records, some valid ones, some non-records. */
export const appendInput: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(validRecord, fc.array(anyChange, { minLength: 1, maxLength: 3 }))
      .map(([r, c]) => mutate(r, c)),
  },
  validRecord,
  hostile,
  fc.integer({ min: 2_000, max: 30_000 }).map((depth) => new DeepRecord(depth)),
);

/** A JSON element of a file's `events` array: a valid record, a broken one or any JSON. */
export const eventElement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: validRecord },
  { weight: 2, arbitrary: mutatedJsonRecord },
  fc.jsonValue({ maxDepth: 3 }),
);

const events = fc.array(eventElement, { maxLength: 6 });

const extras = fc.dictionary(
  fc
    .oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "meta", "created"))
    .filter((key) => key !== "version" && key !== "events"),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 2 },
);

const indent = fc.constantFrom<string | number>(0, 2, "\t");

/** A root object as text, so that keys such as `__proto__` and odd values survive. */
function rootText(fields: readonly [string, unknown][], space: string | number): string {
  const parts = fields.map(
    ([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value, null, space)}`,
  );
  return `{${parts.join(",")}}`;
}

/** A version-1 document: records and junk, extra root fields, any key order and indentation. */
export const version1File = fc
  .tuple(events, extras, indent, fc.boolean())
  .map(([list, more, space, eventsFirst]) => {
    const fields: [string, unknown][] = [["version", 1], ...Object.entries(more)];
    if (eventsFirst) fields.unshift(["events", list]);
    else fields.push(["events", list]);
    return `${rootText(fields, space)}\n`;
  });

/** A version-0 file: a bare array of elements. */
export const version0File = fc
  .tuple(events, indent)
  .map(([list, space]) => JSON.stringify(list, null, space));

/** A root object whose `version` or `events` is wrong or missing. */
export const wrongRootFile = fc
  .tuple(
    fc.option(
      fc.oneof(
        fc.constantFrom<unknown>(0, -1, 1.5, "1", null, true, 2, 3, 1e20, [], {}, [1]),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      { nil: undefined },
    ),
    fc.option(fc.oneof(events, fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
    extras,
  )
  .map(([version, list, more]) => {
    const fields: [string, unknown][] = Object.entries(more);
    if (version !== undefined) fields.push(["version", version]);
    if (list !== undefined) fields.push(["events", list]);
    return rootText(fields, 0);
  });

/** Valid files cut short at a random offset. */
export const truncatedFile = fc
  .tuple(fc.oneof(version1File, version0File), fc.nat())
  .map(([text, at]) => text.slice(0, at % Math.max(1, text.length)));

/** Valid files with something around them: a BOM, trailing junk, duplicate keys. */
export const decoratedFile = fc
  .tuple(
    version1File,
    fc.constantFrom(
      (t: string) => `\uFEFF${t}`,
      (t: string) => `${t}x`,
      (t: string) => `${t}}`,
      (t: string) => `  \n${t}\n\n`,
      (t: string) => `${t.trimEnd().slice(0, -1)},"version":2}`,
      (t: string) => `${t.trimEnd().slice(0, -1)},"version":1}`,
      (t: string) => `[${t}]`,
    ),
  )
  .map(([text, decorate]) => decorate(text));

/**
 * Any code point, lone surrogates included: what `fc.string({ unit: "binary" })` is made of,
 * drawn the same way (a biased natural number, as a code point). fast-check's own unit builds a
 * reverse map of all 1,114,112 code points the first time a string uses it, 3 s of CPU on an idle
 * machine and more when loaded, once per process; this map has no reverse, so it costs nothing.
 */
const anyCodePoint = fc.nat(0x10ffff).map((code) => String.fromCodePoint(code));

/** Text that is mostly not JSON, or JSON of any shape. */
export const randomFile = fc.oneof(
  fc.string(),
  fc.string({ unit: anyCodePoint, maxLength: 40 }),
  fc.constantFrom("", " ", "\n", "null", "[]", "{}", "[", "{", "1", '"events"', "\uFEFF"),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.json({ maxDepth: 3 }),
);

type DeepShape = "open" | "record" | "element" | "version 0";

/** A file nested `depth` levels deep, as a recipe (see {@link DeepRecord}). */
export class DeepFile {
  constructor(
    readonly depth: number,
    readonly shape: DeepShape,
  ) {}

  text(): string {
    const record = JSON.stringify(makeRecord());
    const deep = deepText(this.depth);
    switch (this.shape) {
      case "open":
        return deepText(this.depth, false);
      case "record":
        return `{"version":1,"events":[${record.slice(0, -1)},"deep":${deep}}]}`;
      case "element":
        return `{"version":1,"events":[${record},${deep}]}`;
      default:
        return `[${record.slice(0, -1)},"data":{"deep":${deep}}}]`;
    }
  }

  [fc.toStringMethod](): string {
    return `new DeepFile(${this.depth}, ${JSON.stringify(this.shape)})`;
  }
}

/** Files nested thousands of levels deep: open (invalid JSON), a deep record, a deep element. */
export const deepFile = fc
  .tuple(
    fc.integer({ min: 2_000, max: 30_000 }),
    fc.constantFrom<DeepShape>("open", "record", "element", "version 0"),
  )
  .map(([depth, shape]) => new DeepFile(depth, shape));
