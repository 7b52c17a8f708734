import type { ValidationIssue } from "./errors/event-validation-error.js";

/** A value JSON can keep exactly. */
export type JsonValue = string | number | boolean | null | JsonArray | JsonObject;
export type JsonArray = readonly JsonValue[];
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** How deep a value may nest: deeper values are refused rather than overflow the stack. */
export const MAX_JSON_DEPTH = 512;

const INVALID: unique symbol = Symbol("invalid");

/**
 * Checks that `value` is something JSON keeps exactly and returns a deeply
 * frozen copy, or undefined with the problems pushed onto `issues`. Object
 * properties whose value is `undefined` are dropped, as `JSON.stringify`
 * does; everything else JSON would lose or change (NaN, Infinity, BigInt,
 * functions, symbols, `undefined` in arrays, Dates, class instances, cycles,
 * nesting deeper than {@link MAX_JSON_DEPTH}) is reported at its path. `-0`
 * becomes `0`, which is what JSON gives back.
 */
export function copyJson(
  value: unknown,
  issues: ValidationIssue[],
  path = "",
): JsonValue | undefined {
  // First without paths (the hot path); only when that fails, again to say what and where.
  const copy = copy_(value, [], undefined, path);
  if (copy !== INVALID) return copy;
  const before = issues.length;
  copy_(value, [], issues, path);
  if (issues.length === before) issues.push({ field: path || "(root)", message: "is not JSON" });
  return undefined;
}

/** Records a problem at `path` (when collecting) and gives up on the value. */
function bad(issues: ValidationIssue[] | undefined, path: string, message: string): typeof INVALID {
  issues?.push({ field: path === "" ? "(root)" : path, message });
  return INVALID;
}

/**
 * One walk for both passes: without `issues` it gives up at the first value
 * JSON cannot keep and builds no paths; with `issues` it reports every one
 * at its path and carries on.
 */
function copy_(
  value: unknown,
  ancestors: object[],
  issues: ValidationIssue[] | undefined,
  path: string,
): JsonValue | typeof INVALID {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (Number.isFinite(value)) return value === 0 ? 0 : value;
      return bad(issues, path, `${value} is not a JSON number`);
    case "object":
      break;
    default:
      return bad(issues, path, `a ${typeof value} cannot be stored as JSON`);
  }
  if (value === null) return null;
  if (ancestors.includes(value)) return bad(issues, path, "circular reference");
  if (ancestors.length >= MAX_JSON_DEPTH) {
    return bad(issues, path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) {
    const kind = (value as object).constructor?.name ?? "object";
    return bad(issues, path, `a ${kind} is not a plain JSON object`);
  }
  ancestors.push(value);
  let failed = false;
  let out: JsonValue[] | Record<string, JsonValue>;
  if (isArray) {
    const copy: JsonValue[] = new Array(value.length);
    out = copy;
    for (let i = 0; i < value.length && !(failed && issues === undefined); i++) {
      const at = issues === undefined ? "" : `${path}[${i}]`;
      const raw = value[i];
      let item: JsonValue | typeof INVALID = INVALID;
      if (raw === undefined) issues?.push({ field: at, message: "undefined is not a JSON value" });
      else item = copy_(raw, ancestors, issues, at);
      if (item === INVALID) failed = true;
      else copy[i] = item;
    }
  } else {
    const copy: Record<string, JsonValue> = {};
    out = copy;
    for (const key of Object.keys(value)) {
      const raw = (value as Record<string, unknown>)[key];
      if (raw === undefined) continue;
      const item = copy_(raw, ancestors, issues, issues === undefined ? "" : childPath(path, key));
      if (item === INVALID) {
        failed = true;
        if (issues === undefined) break;
      } else if (key === "__proto__") {
        setOwn(copy, key, item);
      } else {
        copy[key] = item;
      }
    }
  }
  ancestors.pop();
  return failed ? INVALID : Object.freeze(out);
}

/**
 * Deep-freezes a fresh `JSON.parse` result in place; false (and nothing
 * frozen) when it nests deeper than {@link MAX_JSON_DEPTH}.
 */
export function freezeParsed(root: object): boolean {
  const found: object[] = [root];
  const depths: number[] = [1];
  for (let i = 0; i < found.length; i++) {
    const depth = depths[i] as number;
    if (depth > MAX_JSON_DEPTH) return false;
    const value = found[i] as Record<string, unknown>;
    for (const key in value) {
      const item = value[key];
      if (typeof item === "object" && item !== null) {
        found.push(item);
        depths.push(depth + 1);
      }
    }
  }
  for (const value of found) Object.freeze(value);
  return true;
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

/** An object literal, `Object.create(null)` or a parsed JSON object; not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
