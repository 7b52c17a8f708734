import { z } from "zod";
import { EventValidationError, type ValidationIssue } from "./errors/event-validation-error.js";
import { UnknownEventTypeError } from "./errors/unknown-event-type-error.js";
import { type EventType, isEventType, isPhaseLevelEventType } from "./event-type.js";
import { childPath, isPlainObject, type JsonObject, setOwn, toFrozenJson } from "./json.js";
import { payloadSchemas } from "./payloads.js";
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
  if (!isPlainObject(value)) {
    fail([{ field: "(root)", message: "an event record must be a plain object" }], context);
  }
  const issues: ValidationIssue[] = [];
  const copy = toFrozenJson(value, "", issues) as Record<string, unknown> | undefined;
  if (issues.length > 0 || copy === undefined) fail(issues, context);

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
