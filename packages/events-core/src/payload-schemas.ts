import { z } from "zod";
import type { EventType } from "./event-type.js";
import { MAX_OUTPUT_LENGTH } from "./payloads.js";

/** The kinds of value a known payload field may hold. */
type FieldKind =
  | "text" // any string
  | "path" // a non-empty string
  | "count" // a whole number, 0 or more
  | "seconds" // a number, 0 or more
  | "attempts" // a whole number, 1 or more
  | "exit_zero" // exactly 0
  | "exit_nonzero" // a non-zero whole number
  | "output" // a string of at most MAX_OUTPUT_LENGTH characters
  | readonly string[]; // one of these strings

/**
 * The spec's payload fields and their kinds: the one source from which both
 * the zod schemas (for error messages) and the fast checks (for the hot path)
 * are made. Every field is optional at run time; extra fields are allowed.
 */
const FIELDS: Record<EventType, Readonly<Record<string, FieldKind>>> = {
  audit_started: {
    project: "text",
    slug: "text",
    phases_total: "count",
    git_branch: "text",
    git_commit: "text",
  },
  audit_completed: {
    duration_seconds: "seconds",
    phases_completed: "count",
    phases_skipped: "count",
    files_created: "count",
    files_modified: "count",
    files_deleted: "count",
  },
  audit_abandoned: {
    reason: ["user_request", "error", "timeout"],
    phases_completed: "count",
    phases_remaining: "count",
  },
  phase_started: { description: "text", file: "text" },
  phase_completed: {
    duration_seconds: "seconds",
    files_created: "count",
    files_modified: "count",
    verification_count: "count",
  },
  phase_failed: { error: "text", attempts: "attempts", duration_seconds: "seconds" },
  phase_skipped: { reason: ["user_request", "dependency_failed"] },
  verification_passed: { command: "text", exit_code: "exit_zero", duration_ms: "count" },
  verification_failed: {
    command: "text",
    exit_code: "exit_nonzero",
    duration_ms: "count",
    output: "output",
  },
  file_created: { path: "path", size_bytes: "count" },
  file_modified: {
    path: "path",
    size_bytes: "count",
    lines_added: "count",
    lines_removed: "count",
  },
  file_deleted: { path: "path" },
};

function zodOf(kind: FieldKind): z.ZodType {
  if (typeof kind !== "string") return z.enum(kind as [string, ...string[]]);
  switch (kind) {
    case "text":
      return z.string();
    case "path":
      return z.string().min(1);
    case "count":
      return z.int().min(0);
    case "seconds":
      return z.number().min(0);
    case "attempts":
      return z.int().min(1);
    case "exit_zero":
      return z.literal(0);
    case "exit_nonzero":
      return z.int().refine((code) => code !== 0, "a failed verification has a non-zero exit code");
    case "output":
      return z.string().max(MAX_OUTPUT_LENGTH);
  }
}

function accepts(kind: FieldKind, value: unknown): boolean {
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

const entries = Object.entries(FIELDS) as [EventType, Readonly<Record<string, FieldKind>>][];

/**
 * Runtime schemas of the known payload fields: a present field must have the
 * right type; absent fields and extra fields are fine.
 */
export const payloadSchemas = Object.fromEntries(
  entries.map(([type, fields]) => [
    type,
    z.looseObject(
      Object.fromEntries(
        Object.entries(fields).map(([name, kind]) => [name, zodOf(kind).optional()]),
      ),
    ),
  ]),
) as unknown as Record<EventType, z.ZodType>;

const checks = Object.fromEntries(
  entries.map(([type, fields]) => [type, Object.entries(fields)]),
) as Record<EventType, [string, FieldKind][]>;

/** The fast form of `payloadSchemas[type].safeParse(data).success`, without allocating. */
export function payloadIsValid(type: EventType, data: Readonly<Record<string, unknown>>): boolean {
  for (const [name, kind] of checks[type]) {
    const value = data[name];
    if (value !== undefined && !accepts(kind, value)) return false;
  }
  return true;
}
