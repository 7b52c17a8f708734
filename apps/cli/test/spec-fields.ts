/** How the spec types a payload field. */
type FieldKind = "string" | "int" | "float";

interface FieldSpec {
  readonly kind: FieldKind;
  readonly optional?: boolean;
  /** Allowed values, where the spec lists them. */
  readonly oneOf?: readonly unknown[];
}

/** The payload fields of each of the twelve types, transcribed from events-spec-v1.2.md. */
export const SPEC_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>> = {
  audit_started: {
    project: { kind: "string" },
    slug: { kind: "string" },
    phases_total: { kind: "int" },
    git_branch: { kind: "string", optional: true },
    git_commit: { kind: "string", optional: true },
    // Additive fields (the spec's versioning rule 1): the OpenTelemetry trace of the audit (issue 14).
    trace_id: { kind: "string", optional: true },
    parent_span_id: { kind: "string", optional: true },
    trace_state: { kind: "string", optional: true },
  },
  audit_completed: {
    duration_seconds: { kind: "float" },
    phases_completed: { kind: "int" },
    phases_skipped: { kind: "int" },
    files_created: { kind: "int" },
    files_modified: { kind: "int" },
    files_deleted: { kind: "int" },
  },
  audit_abandoned: {
    reason: { kind: "string", oneOf: ["user_request", "error", "timeout"] },
    phases_completed: { kind: "int" },
    phases_remaining: { kind: "int" },
  },
  phase_started: { description: { kind: "string" }, file: { kind: "string" } },
  phase_completed: {
    duration_seconds: { kind: "float" },
    files_created: { kind: "int" },
    files_modified: { kind: "int" },
    verification_count: { kind: "int" },
  },
  phase_failed: {
    error: { kind: "string" },
    attempts: { kind: "int" },
    duration_seconds: { kind: "float" },
  },
  phase_skipped: { reason: { kind: "string", oneOf: ["user_request", "dependency_failed"] } },
  verification_passed: {
    command: { kind: "string" },
    exit_code: { kind: "int", oneOf: [0] },
    duration_ms: { kind: "int" },
  },
  verification_failed: {
    command: { kind: "string" },
    exit_code: { kind: "int" },
    duration_ms: { kind: "int" },
    output: { kind: "string" },
  },
  file_created: { path: { kind: "string" }, size_bytes: { kind: "int" } },
  file_modified: {
    path: { kind: "string" },
    size_bytes: { kind: "int" },
    lines_added: { kind: "int" },
    lines_removed: { kind: "int" },
  },
  file_deleted: { path: { kind: "string" } },
};

function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === "string") return typeof value === "string";
  if (kind === "int") return Number.isInteger(value) && (value as number) >= 0;
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/**
 * What is wrong with a payload against the spec's field list of its type: a
 * required field missing, a field of the wrong type, a field the spec does
 * not list. Empty when it matches field for field.
 */
export function payloadProblems(type: string, data: Record<string, unknown>): string[] {
  const fields = SPEC_FIELDS[type];
  if (fields === undefined) return [`unknown type ${type}`];
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    if (!(name in data)) {
      if (spec.optional !== true) problems.push(`${type}: missing ${name}`);
      continue;
    }
    const value = data[name];
    if (!hasKind(value, spec.kind))
      problems.push(`${type}: ${name} is not a ${spec.kind}: ${JSON.stringify(value)}`);
    if (spec.oneOf !== undefined && !spec.oneOf.includes(value)) {
      problems.push(
        `${type}: ${name} is not one of ${spec.oneOf.join(", ")}: ${JSON.stringify(value)}`,
      );
    }
  }
  for (const name of Object.keys(data)) {
    if (!(name in fields)) problems.push(`${type}: field ${name} is not in the spec`);
  }
  return problems;
}
