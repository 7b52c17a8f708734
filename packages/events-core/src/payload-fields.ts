import type { EventType } from "./event-type.js";

/** Maximum length of `verification_failed.data.output`. */
export const MAX_OUTPUT_LENGTH = 1000;

/**
 * The kinds of value a payload field holds: a name, or the list of strings
 * an enumerated field allows.
 */
export type FieldKind =
  | "text" // any string
  | "path" // a non-empty string
  | "count" // a whole number, 0 or more
  | "seconds" // a number, 0 or more
  | "attempts" // a whole number, 1 or more
  | "exit_zero" // exactly 0
  | "exit_nonzero" // a non-zero whole number
  | "output" // a string of at most MAX_OUTPUT_LENGTH characters
  | readonly string[]; // one of these strings

/** One payload field: its kind, and whether `emit` requires it. */
export interface FieldRule {
  readonly kind: FieldKind;
  readonly required: boolean;
}

const req = <const K extends FieldKind>(kind: K) => ({ kind, required: true }) as const;
const opt = <const K extends FieldKind>(kind: K) => ({ kind, required: false }) as const;

/**
 * **Every payload rule, in one place.** The spec's fields of each event type,
 * what kind of value each holds, and which are required (the spec's fields
 * not marked optional). This table drives the payload types
 * (`EventPayloadMap`), run-time validation, the CLI's `emit` and the tests'
 * generators.
 *
 * `emit` requires the required fields and checks the kind of every field
 * present. Records read from a store or built with `Event.fromDict` are
 * checked leniently: a field that is present must have the right kind, a
 * missing one is allowed (other tools write such records). Extra fields are
 * always kept.
 */
export const PAYLOAD_FIELDS = {
  audit_started: {
    project: req("text"),
    slug: req("text"),
    phases_total: req("count"),
    git_branch: opt("text"),
    git_commit: opt("text"),
    // Additive (the spec's versioning rule 1): the OpenTelemetry trace the audit is exported as,
    // the span of the run that started it, and that run's W3C tracestate.
    trace_id: opt("text"),
    parent_span_id: opt("text"),
    trace_state: opt("text"),
  },
  audit_completed: {
    duration_seconds: req("seconds"),
    phases_completed: req("count"),
    phases_skipped: req("count"),
    files_created: req("count"),
    files_modified: req("count"),
    files_deleted: req("count"),
  },
  audit_abandoned: {
    reason: req(["user_request", "error", "timeout"]),
    phases_completed: req("count"),
    phases_remaining: req("count"),
  },
  phase_started: { description: req("text"), file: req("text") },
  phase_completed: {
    duration_seconds: req("seconds"),
    files_created: req("count"),
    files_modified: req("count"),
    verification_count: req("count"),
  },
  phase_failed: {
    error: req("text"),
    attempts: req("attempts"),
    duration_seconds: req("seconds"),
  },
  phase_skipped: { reason: req(["user_request", "dependency_failed"]) },
  verification_passed: {
    command: req("text"),
    exit_code: req("exit_zero"),
    duration_ms: req("count"),
  },
  verification_failed: {
    command: req("text"),
    exit_code: req("exit_nonzero"),
    duration_ms: req("count"),
    /** Combined stdout/stderr, at most {@link MAX_OUTPUT_LENGTH} characters. */
    output: req("output"),
  },
  file_created: { path: req("path"), size_bytes: req("count") },
  file_modified: {
    path: req("path"),
    size_bytes: req("count"),
    lines_added: req("count"),
    lines_removed: req("count"),
  },
  file_deleted: { path: req("path") },
} as const satisfies Record<EventType, Readonly<Record<string, FieldRule>>>;

/** The TypeScript type of a field kind. */
type KindType<K> = K extends readonly (infer S)[]
  ? S
  : K extends "exit_zero"
    ? 0
    : K extends "text" | "path" | "output"
      ? string
      : number;

type Fields<T extends EventType> = (typeof PAYLOAD_FIELDS)[T];
type TypeOf<R> = R extends { readonly kind: infer K } ? KindType<K> : never;
type RequiredNames<T extends EventType> = {
  [F in keyof Fields<T>]: Fields<T>[F] extends { required: true } ? F : never;
}[keyof Fields<T>];

/** The payload of `T` as the table defines it: required fields required, optional ones optional. */
export type EventPayload<T extends EventType> = {
  -readonly [F in RequiredNames<T>]: TypeOf<Fields<T>[F]>;
} & {
  -readonly [F in Exclude<keyof Fields<T>, RequiredNames<T>>]?: TypeOf<Fields<T>[F]>;
};

/** The payload of each event type, as `emit` takes it (required fields required). */
export type EventPayloadMap = { [T in EventType]: EventPayload<T> };

/** The names of the fields `emit` requires for `T` (`never` when none). */
export type RequiredPayloadField<T extends EventType> = RequiredNames<T>;

/** The field rules of a type, as entries: what the validator walks. */
export function payloadRules(type: EventType): readonly (readonly [string, FieldRule])[] {
  return RULE_ENTRIES[type];
}

const RULE_ENTRIES = Object.fromEntries(
  Object.entries(PAYLOAD_FIELDS).map(([type, fields]) => [type, Object.entries(fields)]),
) as unknown as Record<EventType, readonly (readonly [string, FieldRule])[]>;

/** Whether `value` is of `kind`. */
export function hasKind(kind: FieldKind, value: unknown): boolean {
  if (typeof kind !== "string") return typeof value === "string" && kind.includes(value);
  switch (kind) {
    case "text":
      return typeof value === "string";
    case "path":
      return typeof value === "string" && value !== "";
    case "count":
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case "seconds":
      return typeof value === "number" && Number.isFinite(value) && value >= 0;
    case "attempts":
      return Number.isSafeInteger(value) && (value as number) >= 1;
    case "exit_zero":
      return value === 0;
    case "exit_nonzero":
      return Number.isSafeInteger(value) && value !== 0;
    case "output":
      return typeof value === "string" && value.length <= MAX_OUTPUT_LENGTH;
  }
}

/** What a value of `kind` must be, for error messages: `must be a whole number, 0 or more`. */
export function describeKind(kind: FieldKind): string {
  if (typeof kind !== "string") return `must be one of ${kind.map((k) => `"${k}"`).join(", ")}`;
  return KIND_TEXT[kind];
}

const KIND_TEXT: Record<Exclude<FieldKind, readonly string[]>, string> = {
  text: "must be a string",
  path: "must be a non-empty string",
  count: "must be a whole number, 0 or more",
  seconds: "must be a number, 0 or more",
  attempts: "must be a whole number, 1 or more",
  exit_zero: "must be 0 (a passed verification exited 0)",
  exit_nonzero: "must be a non-zero whole number (a failed verification exited non-zero)",
  output: `must be a string of at most ${MAX_OUTPUT_LENGTH} characters`,
};
