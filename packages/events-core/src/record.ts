import { EventValidationError, type ValidationIssue } from "./errors/event-validation-error.js";
import { UnknownEventTypeError } from "./errors/unknown-event-type-error.js";
import { type EventType, isEventType } from "./event-type.js";
import {
  childPath,
  copyJson,
  freezeParsed,
  isPlainObject,
  type JsonObject,
  setOwn,
} from "./json.js";
import { checkRecordFields, type RecordRules } from "./record-rules.js";

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

/**
 * What a record is being checked for; each mode is one row of {@link MODES}.
 * - `emit`: made by `EventEmitter.emit`: a known type, the payload's required
 *   fields present (`id` and `timestamp` were just made, so not re-checked).
 * - `event`: `Event.fromDict` and `new Event`: a known type, fields present
 *   of the right kind (records other tools wrote may lack some).
 * - `append`: what a store is given to append: any type (one from a newer
 *   version is kept), checked like `event`, copied (the caller keeps its object).
 * - `stored`: what a store read back, a fresh `JSON.parse` result nobody else
 *   holds: checked like `append`, but frozen and reused in place, not copied.
 */
export type RecordCheckMode = "emit" | "event" | "append" | "stored";

interface ModeRules extends RecordRules {
  readonly knownType: boolean;
  readonly inPlace: boolean;
  /** Remember the result as checked, so a store given it skips a second check. */
  readonly remember: boolean;
}

const MODES: Readonly<Record<RecordCheckMode, ModeRules>> = {
  // The emitter remembers its records only when it has a store to hand them to (`rememberChecked`).
  emit: {
    knownType: true,
    inPlace: false,
    checkIdentity: false,
    requireFields: true,
    remember: false,
  },
  event: {
    knownType: true,
    inPlace: false,
    checkIdentity: true,
    requireFields: false,
    remember: true,
  },
  append: {
    knownType: false,
    inPlace: false,
    checkIdentity: true,
    requireFields: false,
    remember: true,
  },
  stored: {
    knownType: false,
    inPlace: true,
    checkIdentity: true,
    requireFields: false,
    remember: true,
  },
};

const WIRE_KEYS = ["id", "type", "timestamp", "audit_id", "phase", "data"] as const;
const WIRE = new Set<string>(WIRE_KEYS);
const DEFAULT_CONTEXT = "Invalid event";
const EMPTY_DATA: JsonObject = Object.freeze({});
/** Records this module built: frozen and checked leniently, so they need no second check. */
const checked = new WeakSet<object>();

/**
 * Checks an event record from outside (a caller, a file, a database) and
 * returns it deeply frozen, with `phase` and `data` defaulted and the wire
 * keys first; unknown top-level fields are kept after them. Throws
 * {@link EventValidationError} naming every offending field, or
 * {@link UnknownEventTypeError} when `mode` takes only known types.
 * `context` starts the error message (`Invalid event record at index 3`).
 */
export function checkRecord(
  value: unknown,
  mode: RecordCheckMode,
  context = DEFAULT_CONTEXT,
): EventRecord {
  const rules = MODES[mode];
  if (!rules.requireFields && typeof value === "object" && value !== null && checked.has(value)) {
    const record = value as EventRecord;
    if (rules.knownType && !isEventType(record.type)) checkKnownType(record.type, rules, context);
    return record;
  }
  if (!isPlainObject(value)) {
    fail([{ field: "(root)", message: "an event record must be a plain object" }], context);
  }
  if (rules.inPlace && freezeParsed(value)) {
    // A fresh parse result: checked where it stands, reused when its keys are in wire order.
    const data = value.data === undefined ? EMPTY_DATA : value.data;
    checkKnownType(value.type, rules, context);
    if (!checkRecordFields(value, data, rules)) fail(collect(value, data, rules), context);
    const record = hasWireKeys(value) ? value : inWireOrder(value, data, value);
    checked.add(record);
    return Object.freeze(record) as EventRecord;
  }
  // Someone else's object: the record is built anew, in wire order, from frozen copies of
  // `data` and the extra fields (the wire fields are strings and numbers, checked below).
  const issues: ValidationIssue[] = [];
  const data = value.data === undefined ? EMPTY_DATA : copyJson(value.data, issues, "data");
  const record = inWireOrder(value, data, undefined, issues);
  if (issues.length > 0) fail(issues, context);
  checkKnownType(record.type, rules, context);
  if (!checkRecordFields(record, data, rules)) fail(collect(record, data, rules), context);
  if (rules.remember) checked.add(record);
  return Object.freeze(record) as EventRecord;
}

/**
 * @internal Marks a record `checkRecord` returned as checked, so a store's
 * `checkRecord(record, "append")` returns it at once: what the emitter does
 * before it hands a record to its store. (A WeakSet entry costs the garbage
 * collector, so records nobody will check again are not marked.)
 */
export function rememberChecked(record: EventRecord): EventRecord {
  checked.add(record);
  return record;
}

/** Throws UnknownEventTypeError for a well-formed type this version does not know, when `rules` take only known ones. */
function checkKnownType(type: unknown, rules: ModeRules, context: string): void {
  if (rules.knownType && typeof type === "string" && type !== "" && !isEventType(type)) {
    throw new UnknownEventTypeError(type, context === DEFAULT_CONTEXT ? undefined : context);
  }
}

/** Every issue of a record the fast check refused. */
function collect(
  value: Readonly<Record<string, unknown>>,
  data: unknown,
  rules: ModeRules,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkRecordFields(value, data, rules, issues);
  return issues;
}

/**
 * Checks a batch with {@link checkRecord}, all before any is used: the
 * message of a bad one says its index (`Invalid event record at index 3`).
 */
export function checkRecords(
  values: readonly unknown[],
  mode: Exclude<RecordCheckMode, "emit">,
): EventRecord[] {
  return Array.from(values, (value, index) =>
    checkRecord(value, mode, `Invalid event record at index ${index}`),
  );
}

/** Exactly the six wire keys, in wire order. */
function hasWireKeys(value: object): boolean {
  const keys = Object.keys(value);
  if (keys.length !== WIRE_KEYS.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== WIRE_KEYS[i]) return false;
  return true;
}

/**
 * The record with the wire keys first (`phase` and `data` defaulted), extras
 * after: as they are (`extras` given, a frozen parse result) or as frozen
 * copies, their problems added to `issues`.
 */
function inWireOrder(
  source: Readonly<Record<string, unknown>>,
  data: unknown,
  extras?: Readonly<Record<string, unknown>>,
  issues?: ValidationIssue[],
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: source.id,
    type: source.type,
    timestamp: source.timestamp,
    audit_id: source.audit_id,
    phase: source.phase ?? null,
    data,
  };
  for (const key of Object.keys(source)) {
    if (WIRE.has(key)) continue;
    const item = source[key];
    if (extras !== undefined) setOwn(record, key, item);
    else if (item !== undefined)
      setOwn(record, key, copyJson(item, issues ?? [], childPath("", key)));
  }
  return record;
}

function fail(issues: readonly ValidationIssue[], context: string): never {
  throw new EventValidationError(issues, context);
}
