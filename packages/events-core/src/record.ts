import { z } from "zod";
import { EventValidationError, type ValidationIssue } from "./errors/event-validation-error.js";
import { UnknownEventTypeError } from "./errors/unknown-event-type-error.js";
import { type EventType, isEventType, isPhaseLevelEventType } from "./event-type.js";
import {
  childPath,
  frozenJsonOrUndefined,
  isPlainObject,
  type JsonObject,
  MAX_JSON_DEPTH,
  setOwn,
  toFrozenJson,
} from "./json.js";
import { payloadIsValid, payloadSchemas } from "./payload-schemas.js";
import { timestampKey } from "./timestamp.js";

/**
 * An event as it travels and is stored: the spec's wire record. Records a
 * store hands back may carry fields and types a newer version wrote; they are
 * kept as they are.
 */
export interface EventRecord {
  /** Lowercase UUID v4. */
  readonly id: string;
  /** One of the twelve {@link EventType}s, or a type from a newer version. */
  readonly type: EventType | (string & {});
  /** UTC, ISO 8601 with milliseconds: `2025-12-05T10:15:30.123Z`. */
  readonly timestamp: string;
  readonly audit_id: string;
  /** 1-indexed phase number; `null` for audit-level events. */
  readonly phase: number | null;
  readonly data: JsonObject;
  readonly [field: string]: unknown;
}

export const UUID_V4_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** `UUID_V4_PATTERN.test(id)`, character by character: the hot path of every load. */
export function isUuidV4(id: string): boolean {
  if (id.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false; // "-"
    } else if (i === 14) {
      if (c !== 52) return false; // "4"
    } else if (i === 19) {
      if (c !== 56 && c !== 57 && c !== 97 && c !== 98) return false; // 8, 9, a, b
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      return false; // not 0-9 a-f
    }
  }
  return true;
}

const baseSchema = z.looseObject({
  id: z.string().regex(UUID_V4_PATTERN, "must be a lowercase UUID v4"),
  type: z.string().min(1, "must be a non-empty string"),
  timestamp: z
    .string()
    .refine(
      (value) => !Number.isNaN(timestampKey(value)),
      "must be a UTC ISO 8601 date and time that exists, e.g. 2025-12-05T10:15:30.123Z",
    ),
  audit_id: z.string().min(1, "must be a non-empty string"),
  phase: z
    .int("must be an integer")
    .min(1, "must be 1 or more (phases are 1-indexed)")
    .nullable()
    .optional(),
});

const CANONICAL = new Set(["id", "type", "timestamp", "audit_id", "phase", "data"]);
const EMPTY_DATA: JsonObject = Object.freeze({});
const validRecords = new WeakSet<object>();

export interface ParseRecordOptions {
  /** Accept types this version does not know (stores do; `Event.fromDict` does not). */
  readonly allowUnknownType?: boolean;
  /** Start of the error message, e.g. `Invalid event record at index 3`. */
  readonly context?: string;
  /**
   * The value is a fresh `JSON.parse` result that the caller hands over (a
   * store reading its file): it is checked and frozen in place instead of
   * copied, and reused as the record when its keys are already in wire order.
   * Never pass an object anyone else holds.
   */
  readonly adopt?: boolean;
}

/**
 * Validates an event record from outside (a caller, a file, a database) and
 * returns a deeply frozen copy with `phase` and `data` defaulted. Unknown
 * top-level fields are kept. Throws {@link EventValidationError} naming the
 * field, or {@link UnknownEventTypeError} when unknown types are not allowed.
 */
export function parseEventRecord(value: unknown, options: ParseRecordOptions = {}): EventRecord {
  if (typeof value === "object" && value !== null && validRecords.has(value)) {
    const record = value as EventRecord;
    if (options.allowUnknownType !== true && !isEventType(record.type)) {
      throw new UnknownEventTypeError(record.type);
    }
    return record;
  }
  const context = options.context ?? "Invalid event";
  if (options.adopt === true && isPlainObject(value) && deepFreezeParsed(value)) {
    const allow = options.allowUnknownType === true;
    if (hasWireKeys(value)) {
      // Already the record: check it where it stands.
      if (quickRecord(value, value.data, allow, true, false) !== undefined) {
        return trustRecord(value as unknown as EventRecord);
      }
    } else {
      const quick = quickRecord(value, value.data, allow, true, true);
      if (quick !== undefined) return trustRecord(quick);
    }
  }
  if (!isPlainObject(value)) {
    fail([{ field: "(root)", message: "an event record must be a plain object" }], context);
  }
  const issues: ValidationIssue[] = [];
  const copy = toFrozenJson(value, "", issues) as Record<string, unknown> | undefined;
  if (issues.length > 0 || copy === undefined) fail(issues, context);
  const quick = quickRecord(copy, copy.data, options.allowUnknownType === true, true, true);
  if (quick !== undefined) return trustRecord(quick);

  // Something is off: let the zod schemas say what, field by field.
  const base = baseSchema.safeParse(copy);
  if (!base.success) fail(zodIssues(base.error, ""), context);
  const { type } = base.data;
  if (!isEventType(type)) {
    if (options.allowUnknownType !== true) throw new UnknownEventTypeError(type);
  } else {
    checkPhase(type, base.data.phase, issues);
  }
  const data = copy.data === undefined ? EMPTY_DATA : copy.data;
  if (!isPlainObject(data)) {
    issues.push({ field: "data", message: "must be a plain JSON object" });
  } else if (isEventType(type)) {
    const payload = payloadSchemas[type].safeParse(data);
    if (!payload.success) issues.push(...zodIssues(payload.error, "data"));
  }
  if (issues.length > 0) fail(issues, context);

  const record: Record<string, unknown> = {
    id: base.data.id,
    type,
    timestamp: base.data.timestamp,
    audit_id: base.data.audit_id,
    phase: base.data.phase ?? null,
    data,
  };
  for (const key of Object.keys(copy)) {
    if (!CANONICAL.has(key)) setOwn(record, key, copy[key]);
  }
  return trustRecord(record as unknown as EventRecord);
}

/**
 * The emitter's path: `id` and `timestamp` were just generated, so only the
 * caller's parts are checked. Falls back to {@link parseEventRecord} (for its
 * error messages) when anything is off.
 */
export function parseEmittedRecord(
  candidate: Record<string, unknown> & { data: unknown },
  remember: boolean,
): EventRecord {
  // Only `data` comes from outside as an object: copy that, not the candidate.
  const data = candidate.data === undefined ? EMPTY_DATA : frozenJsonOrUndefined(candidate.data);
  if (data !== undefined) {
    const quick = quickRecord(candidate, data, false, false, false);
    if (quick !== undefined) return remember ? trustRecord(quick) : Object.freeze(quick);
  }
  return parseEventRecord(candidate);
}

/**
 * Builds the record from a frozen copy when every check passes, without zod
 * and without allocating issues; undefined when any check fails. Throws
 * UnknownEventTypeError for a well-formed record of an unknown type when
 * those are not allowed. Must accept exactly what the zod path accepts.
 */
function quickRecord(
  copy: Readonly<Record<string, unknown>>,
  copiedData: unknown,
  allowUnknownType: boolean,
  checkGenerated: boolean,
  keepExtras: boolean,
): EventRecord | undefined {
  const { id, type, timestamp, audit_id, phase } = copy;
  if (typeof id !== "string" || typeof timestamp !== "string") return undefined;
  if (checkGenerated && (!isUuidV4(id) || Number.isNaN(timestampKey(timestamp)))) {
    return undefined;
  }
  if (typeof type !== "string" || type === "" || typeof audit_id !== "string" || audit_id === "") {
    return undefined;
  }
  const hasPhase = phase !== undefined && phase !== null;
  if (hasPhase && !(Number.isSafeInteger(phase) && (phase as number) >= 1)) return undefined;
  const data = copiedData === undefined ? EMPTY_DATA : copiedData;
  if (!isPlainObject(data)) return undefined;
  if (isEventType(type)) {
    if (isPhaseLevelEventType(type) !== hasPhase) return undefined;
    if (!payloadIsValid(type, data)) return undefined;
  } else if (!allowUnknownType) {
    throw new UnknownEventTypeError(type);
  }
  const record: Record<string, unknown> = {
    id,
    type,
    timestamp,
    audit_id,
    phase: hasPhase ? phase : null,
    data,
  };
  if (keepExtras) {
    for (const key of Object.keys(copy)) {
      if (!CANONICAL.has(key)) setOwn(record, key, copy[key]);
    }
  }
  return record as unknown as EventRecord;
}

const WIRE_KEYS = ["id", "type", "timestamp", "audit_id", "phase", "data"];

/** Exactly the six wire keys, in wire order, `phase` and `data` present. */
function hasWireKeys(value: object): boolean {
  const keys = Object.keys(value);
  if (keys.length !== WIRE_KEYS.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== WIRE_KEYS[i]) return false;
  return true;
}

/** Deep-freezes parsed JSON in place; false (and nothing frozen) when it nests deeper than MAX_JSON_DEPTH. */
function deepFreezeParsed(root: object): boolean {
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

/** Freezes a record built from already validated parts and remembers it as valid. */
export function trustRecord(record: EventRecord): EventRecord {
  validRecords.add(record);
  return Object.freeze(record);
}

function checkPhase(type: EventType, phase: number | null | undefined, issues: ValidationIssue[]) {
  const phaseLevel = isPhaseLevelEventType(type);
  if (phaseLevel && (phase === null || phase === undefined)) {
    issues.push({ field: "phase", message: `is required for ${type} events` });
  } else if (!phaseLevel && phase !== null && phase !== undefined) {
    issues.push({ field: "phase", message: `must be null for audit-level ${type} events` });
  }
}

function zodIssues(error: z.ZodError, prefix: string): ValidationIssue[] {
  return error.issues.map((issue) => ({
    field: formatPath(prefix, issue.path),
    message: issue.message,
  }));
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out = childPath(out, String(part));
  }
  return out === "" ? "(root)" : out;
}

function fail(issues: readonly ValidationIssue[], context: string): never {
  throw new EventValidationError(issues, context);
}
