import { EventValidationError, type ValidationIssue } from "./errors/event-validation-error.js";
import { UnknownEventTypeError } from "./errors/unknown-event-type-error.js";
import { type EventType, isEventType } from "./event-type.js";
import { copyJson, freezeParsed, isPlainObject, type JsonObject, setOwn } from "./json.js";
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
}

const MODES: Readonly<Record<RecordCheckMode, ModeRules>> = {
  emit: { knownType: true, inPlace: false, checkIdentity: false, requireFields: true },
  event: { knownType: true, inPlace: false, checkIdentity: true, requireFields: false },
  append: { knownType: false, inPlace: false, checkIdentity: true, requireFields: false },
  stored: { knownType: false, inPlace: true, checkIdentity: true, requireFields: false },
};

const WIRE_KEYS = ["id", "type", "timestamp", "audit_id", "phase", "data"] as const;
const WIRE = new Set<string>(WIRE_KEYS);
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
  context = "Invalid event",
): EventRecord {
  const rules = MODES[mode];
  if (!rules.requireFields && typeof value === "object" && value !== null && checked.has(value)) {
    const record = value as EventRecord;
    if (rules.knownType && !isEventType(record.type)) throw new UnknownEventTypeError(record.type);
    return record;
  }
  if (!isPlainObject(value)) {
    fail([{ field: "(root)", message: "an event record must be a plain object" }], context);
  }
  let source: Readonly<Record<string, unknown>>;
  if (rules.inPlace && freezeParsed(value)) {
    source = value;
  } else {
    const issues: ValidationIssue[] = [];
    const copy = copyJson(value, issues);
    if (copy === undefined) fail(issues, context);
    source = copy as Readonly<Record<string, unknown>>;
  }
  const data = source.data === undefined ? EMPTY_DATA : source.data;
  if (rules.knownType && typeof source.type === "string" && source.type !== "") {
    if (!isEventType(source.type)) throw new UnknownEventTypeError(source.type);
  }
  if (!checkRecordFields(source, data, rules)) {
    const issues: ValidationIssue[] = [];
    checkRecordFields(source, data, rules, issues);
    fail(issues, context);
  }
  const record = source === value && hasWireKeys(source) ? source : inWireOrder(source, data);
  checked.add(record);
  return Object.freeze(record) as EventRecord;
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

/** The record with the wire keys first (`phase` and `data` defaulted), extras after. */
function inWireOrder(source: Readonly<Record<string, unknown>>, data: unknown): object {
  const record: Record<string, unknown> = {
    id: source.id,
    type: source.type,
    timestamp: source.timestamp,
    audit_id: source.audit_id,
    phase: source.phase ?? null,
    data,
  };
  for (const key of Object.keys(source)) {
    if (!WIRE.has(key)) setOwn(record, key, source[key]);
  }
  return record;
}

function fail(issues: readonly ValidationIssue[], context: string): never {
  throw new EventValidationError(issues, context);
}
