import type { ValidationIssue } from "./errors/event-validation-error.js";

/** A value JSON can keep exactly. */
export type JsonValue = string | number | boolean | null | JsonArray | JsonObject;
export type JsonArray = readonly JsonValue[];
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** How deep a value may nest: deeper values are refused rather than overflow the stack. */
export const MAX_JSON_DEPTH = 512;

/**
 * Checks that `value` is something JSON keeps exactly and returns a deeply
 * frozen copy. Object properties whose value is `undefined` are dropped, as
 * `JSON.stringify` does; everything else JSON would lose or change (NaN,
 * Infinity, BigInt, functions, symbols, `undefined` in arrays, Dates, class
 * instances, cycles) is reported as an issue at its path.
 */
export function toFrozenJson(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): JsonValue | undefined {
  const copy = frozenCopy(value, []);
  if (copy !== INVALID) return copy;
  // Something is wrong: walk again, slowly, to say what and where.
  const before = issues.length;
  walk(value, path, issues, []);
  if (issues.length === before) issues.push({ field: path || "(root)", message: "is not JSON" });
  return undefined;
}

/** The hot path of {@link toFrozenJson}: a deeply frozen copy, or undefined (no issues reported). */
export function frozenJsonOrUndefined(value: unknown): JsonValue | undefined {
  const copy = frozenCopy(value, []);
  return copy === INVALID ? undefined : copy;
}

const INVALID: unique symbol = Symbol("invalid");

/**
 * The hot path: copy and freeze in one pass, building no paths and no issue
 * lists; gives up with INVALID at the first value JSON cannot keep.
 * Must accept exactly what {@link walk} accepts.
 */
function frozenCopy(value: unknown, ancestors: object[]): JsonValue | typeof INVALID {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // JSON has no -0 (and `-0 === 0`): store 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : INVALID;
    case "object":
      break;
    default:
      return INVALID;
  }
  if (value === null) return null;
  if (ancestors.length >= MAX_JSON_DEPTH || ancestors.includes(value)) return INVALID;
  ancestors.push(value);
  let out: JsonValue[] | Record<string, JsonValue> | typeof INVALID = INVALID;
  if (Array.isArray(value)) {
    const copy: JsonValue[] = new Array(value.length);
    out = copy;
    for (let i = 0; i < value.length; i++) {
      const item = value[i] === undefined ? INVALID : frozenCopy(value[i], ancestors);
      if (item === INVALID) {
        out = INVALID;
        break;
      }
      copy[i] = item;
    }
  } else if (isPlainObject(value)) {
    const copy: Record<string, JsonValue> = {};
    out = copy;
    for (const key of Object.keys(value)) {
      const raw = value[key];
      if (raw === undefined) continue;
      const item = frozenCopy(raw, ancestors);
      if (item === INVALID) {
        out = INVALID;
        break;
      }
      if (key === "__proto__") setOwn(copy, key, item);
      else copy[key] = item;
    }
  }
  ancestors.pop();
  return out === INVALID ? INVALID : Object.freeze(out);
}

function walk(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  ancestors: object[],
): JsonValue | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // JSON has no -0: it would come back as 0, so store 0 from the start.
      if (Number.isFinite(value)) return Object.is(value, -0) ? 0 : value;
      issues.push({ field: path, message: `${value} is not a JSON number` });
      return undefined;
    case "object":
      break;
    default:
      issues.push({ field: path, message: `a ${typeof value} cannot be stored as JSON` });
      return undefined;
  }
  if (value === null) return null;
  if (ancestors.includes(value)) {
    issues.push({ field: path, message: "circular reference" });
    return undefined;
  }
  if (ancestors.length >= MAX_JSON_DEPTH) {
    issues.push({ field: path, message: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    return undefined;
  }
  ancestors.push(value);
  try {
    if (Array.isArray(value)) return walkArray(value, path, issues, ancestors);
    if (!isPlainObject(value)) {
      const kind = (value as object).constructor?.name ?? "object";
      issues.push({ field: path, message: `a ${kind} is not a plain JSON object` });
      return undefined;
    }
    return walkObject(value, path, issues, ancestors);
  } finally {
    ancestors.pop();
  }
}

function walkArray(
  value: readonly unknown[],
  path: string,
  issues: ValidationIssue[],
  ancestors: object[],
): JsonArray {
  const out: JsonValue[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const itemPath = `${path}[${i}]`;
    if (item === undefined) {
      issues.push({ field: itemPath, message: "undefined is not a JSON value" });
      continue;
    }
    out[i] = walk(item, itemPath, issues, ancestors) as JsonValue;
  }
  return freeze(out);
}

function walkObject(
  value: object,
  path: string,
  issues: ValidationIssue[],
  ancestors: object[],
): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    const copied = walk(item, childPath(path, key), issues, ancestors);
    setOwn(out, key, copied);
  }
  return freeze(out);
}

/**
 * Sets an own enumerable property, also for the key `__proto__`, which plain
 * assignment would treat as the prototype.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `data.phases_total`, or `data["odd key"]` / `[""]` for keys that are not identifiers. */
export function childPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function freeze<T extends object>(value: T): T {
  return Object.freeze(value);
}

/** An object literal, `Object.create(null)` or a parsed JSON object; not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
