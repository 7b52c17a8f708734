import fc from "fast-check";
import {
  EVENT_TYPES,
  type EventType,
  isEventType,
  isPhaseLevelEventType,
  MAX_OUTPUT_LENGTH,
  PAYLOAD_FIELDS,
} from "../src/index.js";
import type { FieldKind } from "../src/payload-fields.js";
import { isPlainObject } from "../src/store-kit.js";

/** The named kinds; an enumerated field's kind is its list of allowed strings. */
type NamedKind = Exclude<FieldKind, readonly string[]>;

interface Field {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
}

/** The fields of `type`, straight from `PAYLOAD_FIELDS` (the one table of payload rules). */
export function fieldsOf(type: EventType): readonly Field[] {
  return Object.entries(PAYLOAD_FIELDS[type]).map(([name, rule]) => ({
    name,
    kind: rule.kind,
    required: rule.required,
  }));
}

/**
 * JSON values without -0 (`fc.jsonValue` makes -0, which JSON writes as 0): what
 * a valid payload may hold, whether src ends up rejecting -0 or normalising it.
 */
export const plainJson = (maxDepth: number): fc.Arbitrary<unknown> =>
  fc.jsonValue({ maxDepth }).map((value) => JSON.parse(JSON.stringify(value)));

/**
 * Any code point, lone surrogates included: what `fc.string({ unit: "binary" })` is made of,
 * drawn the same way (a biased natural number, as a code point). fast-check's own unit builds a
 * reverse map of all 1,114,112 code points the first time a string uses it, 3 s of CPU on an idle
 * machine and more when loaded, once per process; this map has no reverse, so it costs nothing.
 */
const anyCodePoint = fc.nat(0x10ffff).map((code) => String.fromCodePoint(code));

const text = fc.oneof(fc.string(), fc.string({ unit: anyCodePoint, maxLength: 30 }));

const VALID: Record<NamedKind, fc.Arbitrary<unknown>> = {
  count: fc.oneof(fc.nat(1000), fc.maxSafeNat()),
  seconds: fc.oneof(
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
  ),
  text,
  path: fc.string({ minLength: 1 }),
  attempts: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  exit_zero: fc.constant(0),
  exit_nonzero: fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).filter((code) => code !== 0),
  output: fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.constant("x".repeat(MAX_OUTPUT_LENGTH)),
    fc.string({ minLength: MAX_OUTPUT_LENGTH - 2, maxLength: MAX_OUTPUT_LENGTH }),
  ),
};

const NOT_A_NUMBER = ["3", null, true, {}, [], [1]];
const NOT_A_STRING = [1, 0, null, false, {}, ["a"]];

/** Values of the wrong type (or out of range) for each kind of field. */
const WRONG: Record<NamedKind, readonly unknown[]> = {
  count: [-1, 1.5, -0.25, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, ...NOT_A_NUMBER],
  seconds: [-1, -0.001, Number.NaN, Number.NEGATIVE_INFINITY, ...NOT_A_NUMBER],
  text: NOT_A_STRING,
  path: ["", ...NOT_A_STRING],
  attempts: [0, -3, 2.5, ...NOT_A_NUMBER],
  exit_zero: [1, -1, 0.5, "0", ...NOT_A_NUMBER],
  exit_nonzero: [0, 1.5, "1", ...NOT_A_NUMBER],
  output: ["x".repeat(MAX_OUTPUT_LENGTH + 1), ...NOT_A_STRING],
};

/** Every allowed string of every enumerated field: near misses for the other enumerations. */
const ENUM_VALUES = EVENT_TYPES.flatMap((type) =>
  fieldsOf(type).flatMap(({ kind }) => (typeof kind === "string" ? [] : kind)),
);

/** Valid values of a field's kind. */
export function validValue(kind: FieldKind): fc.Arbitrary<unknown> {
  return typeof kind === "string" ? VALID[kind] : fc.constantFrom(...kind);
}

/** Values a field of `kind` must refuse: for an enumeration, near misses and other lists' values. */
export function wrongValues(kind: FieldKind): readonly unknown[] {
  if (typeof kind === "string") return WRONG[kind];
  const nearMisses = [
    "",
    "other",
    ...kind.map((value) => value.toUpperCase()),
    ...kind.map((value) => value.replaceAll("_", "-")),
    ...ENUM_VALUES,
  ];
  const wrong: unknown[] = [...new Set(nearMisses)].filter((value) => !kind.includes(value));
  return [...wrong, ...NOT_A_STRING];
}

const knownFieldNames = new Set(EVENT_TYPES.flatMap((type) => fieldsOf(type).map((f) => f.name)));

/** Extra JSON fields a payload may carry (never one of the spec's field names). */
const extraFields = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "toString")),
  plainJson(2),
  { maxKeys: 3 },
);

/** A payload that is valid for `type`: the required fields, optional ones maybe, plus extra JSON. */
export function validPayload(type: EventType): fc.Arbitrary<Record<string, unknown>> {
  const fields = fieldsOf(type);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of fields) model[field.name] = validValue(field.kind);
  const required = fields.filter((f) => f.required).map((f) => f.name);
  return fc
    .tuple(fc.record(model, { requiredKeys: required }), extraFields)
    .map(([known, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(extra)) {
        if (!knownFieldNames.has(key)) setOwn(out, key, value);
      }
      return Object.assign(out, known);
    });
}

/** A payload for `type` with one known field of the wrong type, and that field's name. */
export function wrongPayload(type: EventType): fc.Arbitrary<[Record<string, unknown>, string]> {
  const fields = fieldsOf(type);
  return fc
    .tuple(
      validPayload(type),
      fc
        .constantFrom(...fields)
        .chain((field) =>
          fc.tuple(fc.constant(field.name), fc.constantFrom(...wrongValues(field.kind))),
        ),
    )
    .map(([payload, [name, wrong]]) => [{ ...payload, [name]: wrong }, name]);
}

/**
 * A valid payload for `type` without one or more of its required fields,
 * and the name of the first missing one in table order (what `emit` names).
 */
export function missingPayload(type: EventType): fc.Arbitrary<[Record<string, unknown>, string]> {
  const required = fieldsOf(type)
    .filter((f) => f.required)
    .map((f) => f.name);
  return fc
    .tuple(validPayload(type), fc.subarray(required, { minLength: 1 }))
    .map(([payload, missing]) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(payload)) {
        if (!missing.includes(key)) setOwn(out, key, value);
      }
      return [out, missing[0] as string];
    });
}

/** A phase that suits `type`: a 1-indexed integer, or null/absent for audit-level types. */
export function validPhase(type: EventType): fc.Arbitrary<number | null | undefined> {
  return isPhaseLevelEventType(type)
    ? fc.oneof(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      )
    : fc.constantFrom(null, undefined);
}

export const knownType = fc.constantFrom(...EVENT_TYPES);

/** Type strings this version does not know, some of them near misses. */
export const unknownTypeString = fc.oneof(
  fc.constantFrom(
    "phase_paused",
    "PHASE_STARTED",
    "phase-started",
    " phase_started",
    "audit_started\n",
    "__proto__",
    "constructor",
    "toString",
  ),
  fc.string({ minLength: 1 }).filter((s) => !isEventType(s)),
);

/** Options for `fc.anything` that reach every kind of value it can make. */
export const ANYTHING: fc.ObjectConstraints = {
  maxDepth: 3,
  maxKeys: 5,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
};

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

/** Values JSON would lose or change, made fresh for every run. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.bigInt(),
  fc.func(fc.integer()),
  fc.string().map((description) => Symbol(description)),
  fc.date({ noInvalidDate: false }),
  fc.constant(null).map(() => new Point(1, 2)),
  fc.constant(null).map(() => new Map([["path", "a.ts"]])),
  fc.constant(null).map(() => new Set([1])),
  fc.constant(null).map(() => new Uint8Array(3)),
  fc.constant(null).map(() => Object.create(Object.create(null)) as unknown),
  fc.constantFrom("x", 1, false).map((v) => Object(v) as unknown),
  fc.constant(null).map(() => /regexp/),
  fc.constant(null).map(() => new Error("boom")),
  fc.constant(null).map(() => Promise.resolve(1)),
  fc.constant(class Anonymous {}),
  fc
    .array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 })
    .chain((items) =>
      fc.nat(items.length).map((at) => [...items.slice(0, at), undefined, ...items.slice(at)]),
    ),
  fc.constant(null).map(() => {
    const sparse: number[] = [1];
    sparse[3] = 4;
    return sparse;
  }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })).map((object) => {
    const cyclic: Record<string, unknown> = { ...object };
    cyclic.self = cyclic;
    return cyclic;
  }),
  fc.constant(null).map(() => {
    const parent: Record<string, unknown> = { a: 1 };
    parent.child = { items: [0, { up: parent }] };
    return parent;
  }),
  fc.constant(null).map(() => {
    const list: unknown[] = [1];
    list.push(list);
    return list;
  }),
);

/**
 * Tricky values JSON keeps exactly: they must be accepted. A shared (not
 * cyclic) reference, a null-prototype object, a getter, an own `__proto__`
 * key, `undefined` object properties (dropped, as `JSON.stringify` drops them).
 */
export const trickyJson: fc.Arbitrary<unknown> = fc.oneof(
  plainJson(2).map((shared) => ({ a: shared, b: [shared, { c: shared }] })),
  plainJson(2).map((value) => Object.assign(Object.create(null), { value })),
  fc.nat().map((n) => Object.defineProperty({}, "size_bytes", { get: () => n, enumerable: true })),
  fc.constant(null).map(() => JSON.parse('{"__proto__": {"polluted": true}, "path": "a.ts"}')),
  fc.constant(null).map(() => JSON.parse('{"a": {"__proto__": [1, {"__proto__": null}]}}')),
  plainJson(1).map((value) => ({ value, gone: undefined })),
);

/** Wraps `leaf` at `path` inside fresh objects and arrays. */
export function wrapAt(path: readonly (string | number)[], leaf: unknown): unknown {
  let value = leaf;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i] as string | number;
    if (typeof step === "number") {
      const array: unknown[] = new Array(step + 1).fill(0);
      array[step] = value;
      value = array;
    } else {
      const object: Record<string, unknown> = { other: 1 };
      setOwn(object, step, value);
      value = object;
    }
  }
  return value;
}

/** `leaf` nested `depth` levels deep in objects or arrays. */
export function nest(depth: number, leaf: unknown, arrays = false): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { deeper: value };
  return value;
}

const pathSegments = fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.nat(3)), { maxLength: 5 });

/** A value with something JSON cannot keep (or a tricky but valid value) somewhere inside. */
export const buriedValue = (leaf: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(pathSegments, leaf).map(([path, value]) => wrapAt(["x", ...path], value));

/** Deep nesting, ~200 levels, ending in a JSON value or a hostile one. */
export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.integer({ min: 150, max: 250 }),
    fc.boolean(),
    fc.oneof(fc.jsonValue({ maxDepth: 1 }), hostileLeaf),
  )
  .map(([depth, arrays, leaf]) => ({ x: nest(depth, leaf, arrays) }));

/**
 * `{ x: ... }` with 1 nested `depth` levels deep in objects or arrays, built
 * only when a property runs: fast-check then prints and shrinks the recipe,
 * never the deep value (its printer and shrinkers recurse too).
 */
export class Deep {
  constructor(
    readonly depth: number,
    readonly arrays: boolean,
  ) {}

  build(): unknown {
    return { x: nest(this.depth, 1, this.arrays) };
  }

  [fc.toStringMethod](): string {
    return `new Deep(${this.depth}, ${this.arrays})`;
  }
}

/** Nesting deep enough to overflow a recursive walk (thousands of levels). */
export const veryDeepValue: fc.Arbitrary<Deep> = fc
  .tuple(fc.integer({ min: 2_000, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => new Deep(depth, arrays));

/** `value` with any {@link Deep} recipe in it (itself or a top-level field) built. */
export function materialize(value: unknown): unknown {
  if (value instanceof Deep) return value.build();
  if (!isPlainObject(value) || !Object.values(value).some((v) => v instanceof Deep)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) setOwn(out, key, materialize(field));
  return out;
}

/** Sets an own property, also for `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const digit = fc.constantFrom(..."0123456789");
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The date-time parts of a timestamp, each maybe out of range. */
const timestampParts = fc.record({
  year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1970, max: 2100 })),
  month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 13 })),
  day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 32 })),
  hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 25 })),
  minute: fc.integer({ min: 0, max: 60 }),
  second: fc.integer({ min: 0, max: 61 }),
  fraction: fc.oneof(
    fc.string({ unit: digit, maxLength: 9 }),
    fc.string({ unit: digit, minLength: 10, maxLength: 12 }),
  ),
  dot: fc.boolean(),
  zone: fc.constantFrom(
    "Z",
    "Z",
    "+00:00",
    "+00:00",
    "-00:00",
    "+01:00",
    "-05:30",
    "+0000",
    "+00",
    "z",
    "",
    " Z",
  ),
});

/** Timestamps in many forms: canonical, Python's `+00:00`, impossible dates, offsets, junk. */
export const timestampText: fc.Arbitrary<string> = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  timestampParts.map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}` +
      `${p.fraction === "" && !p.dot ? "" : `.${p.fraction}`}${p.zone}`,
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().replace("T", " ")),
  fc.date({ noInvalidDate: true }).map((date) => date.toString()),
  fc.string(),
);
