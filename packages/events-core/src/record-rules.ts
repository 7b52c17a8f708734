import type { ValidationIssue } from "./errors/event-validation-error.js";
import { type EventType, isEventType, isPhaseLevelEventType } from "./event-type.js";
import { isPlainObject } from "./json.js";
import { describeKind, hasKind, payloadRules } from "./payload-fields.js";
import { strictTimestampKey } from "./timestamp.js";

/**
 * The record rules, written once. Each check runs in one of two ways: without
 * an `issues` list it stops at the first problem and allocates nothing (the
 * hot path of every append and load); with one it records every problem with
 * its field (the error path). One implementation, so the fast answer and the
 * error message can never disagree.
 */

/** What the rules are asked to enforce. */
export interface RecordRules {
  /** Check the form of `id` and `timestamp` (false only for the emitter, which just made them). */
  readonly checkIdentity: boolean;
  /** Require the payload's required fields (`emit`), rather than only check those present. */
  readonly requireFields: boolean;
}

/** `/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/`, character by character. */
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

/**
 * Checks the record fields of `value` (a plain, JSON-clean object) and its
 * payload `data` (already defaulted). True when every rule holds. A type
 * this version does not know is checked for everything but phase and payload.
 */
export function checkRecordFields(
  value: Readonly<Record<string, unknown>>,
  data: unknown,
  rules: RecordRules,
  issues?: ValidationIssue[],
): boolean {
  // Each failed check records its issue when collecting, or returns at once on the fast path.
  let ok = true;
  const { id, type, timestamp, audit_id, phase } = value;
  if (typeof id !== "string" || (rules.checkIdentity && !isUuidV4(id))) {
    if (issues === undefined) return false;
    ok = report(issues, "id", "must be a lowercase UUID v4");
  }
  if (typeof type !== "string" || type === "") {
    if (issues === undefined) return false;
    ok = report(issues, "type", "must be a non-empty string");
  }
  if (
    typeof timestamp !== "string" ||
    (rules.checkIdentity && Number.isNaN(strictTimestampKey(timestamp)))
  ) {
    if (issues === undefined) return false;
    ok = report(issues, "timestamp", TIMESTAMP_RULE);
  }
  if (typeof audit_id !== "string" || audit_id === "") {
    if (issues === undefined) return false;
    ok = report(issues, "audit_id", "must be a non-empty string");
  }
  const hasPhase = phase !== undefined && phase !== null;
  const phaseValid = !hasPhase || (Number.isSafeInteger(phase) && (phase as number) >= 1);
  if (!phaseValid) {
    if (issues === undefined) return false;
    const integer = typeof phase === "number" && Number.isInteger(phase);
    ok = report(
      issues,
      "phase",
      integer ? "must be 1 or more (phases are 1-indexed)" : "must be an integer",
    );
  }
  if (!isPlainObject(data)) {
    if (issues === undefined) return false;
    return report(issues, "data", "must be a plain JSON object");
  }
  if (!isEventType(type)) return ok;
  if (phaseValid && isPhaseLevelEventType(type) !== hasPhase) {
    if (issues === undefined) return false;
    const message = hasPhase
      ? `must be null for audit-level ${type} events`
      : `is required for ${type} events`;
    ok = report(issues, "phase", message);
  }
  return checkPayload(type, data, rules.requireFields, issues) && ok;
}

const TIMESTAMP_RULE =
  "must be a UTC ISO 8601 date and time that exists, e.g. 2025-12-05T10:15:30.123Z";

/** Adds an issue; false, for `ok`. */
function report(issues: ValidationIssue[], field: string, message: string): false {
  issues.push({ field, message });
  return false;
}

/**
 * Checks a payload against its row of `PAYLOAD_FIELDS`: present fields must
 * be of their kind; with `requireFields`, required fields must be present.
 */
export function checkPayload(
  type: EventType,
  data: Readonly<Record<string, unknown>>,
  requireFields: boolean,
  issues?: ValidationIssue[],
): boolean {
  let ok = true;
  for (const [name, rule] of payloadRules(type)) {
    const value = data[name]; // spec field names are never Object.prototype's
    let message: string | undefined;
    if (value === undefined) {
      if (requireFields && rule.required) message = `is required for ${type} events`;
    } else if (!hasKind(rule.kind, value)) {
      message = describeKind(rule.kind);
    }
    if (message === undefined) continue;
    ok = false;
    if (issues === undefined) return false;
    issues.push({ field: `data.${name}`, message });
  }
  return ok;
}
