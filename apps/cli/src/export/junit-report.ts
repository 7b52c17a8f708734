import type { EventRecord } from "@phaser/events-core";
import { type AuditRun, groupAudits, type PhaseRun, projectOf, slugOf } from "./group-audits.js";
import { numberField, stringField } from "./record-data.js";

/** Why a test case did not pass: `<failure>`, `<error>` or `<skipped>`. */
export interface JUnitOutcome {
  readonly kind: "failure" | "error" | "skipped";
  readonly message: string;
  /** The `type` attribute (not written for skipped cases). */
  readonly type?: string;
  /** Text content: the verification's output, the phase's error. */
  readonly text?: string;
}

/** One `<testcase>`: a verification, or a placeholder for a skipped or failed phase. */
export interface JUnitCase {
  readonly name: string;
  readonly classname: string;
  /** Seconds. */
  readonly time: number;
  readonly outcome?: JUnitOutcome;
}

/** One `<testsuite>`: one phase of one audit. */
export interface JUnitSuite {
  readonly name: string;
  /** Dot-separated `project.slug`, the `package` attribute. */
  readonly package: string;
  /** When the phase started, UTC without offset: `2025-12-05T10:15:30`. */
  readonly timestamp: string;
  /** Seconds: the phase's `duration_seconds`, else the sum of its cases. */
  readonly time: number;
  readonly properties: readonly (readonly [name: string, value: string])[];
  readonly cases: readonly JUnitCase[];
}

/** Counts of a suite or of the whole report. */
export interface JUnitCounts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

/** Builds one suite per phase (per audit and phase), audits in stored order, phases in order. */
export function buildJUnitSuites(records: readonly EventRecord[]): JUnitSuite[] {
  return groupAudits(records).flatMap((audit) =>
    [...audit.phases].sort((a, b) => a.phase - b.phase).map((phase) => buildSuite(audit, phase)),
  );
}

/** How many cases passed, failed, errored and were skipped. */
export function countCases(cases: readonly JUnitCase[]): JUnitCounts {
  const count = (kind: JUnitOutcome["kind"]) =>
    cases.filter((testCase) => testCase.outcome?.kind === kind).length;
  return {
    tests: cases.length,
    failures: count("failure"),
    errors: count("error"),
    skipped: count("skipped"),
  };
}

function buildSuite(audit: AuditRun, phase: PhaseRun): JUnitSuite {
  const project = projectOf(audit);
  const slug = slugOf(audit);
  const classname = [project, slug ?? audit.audit_id, `phase${phase.phase}`]
    .map(classnamePart)
    .join(".");
  const description = phase.started && stringField(phase.started, "description");
  const title = `phase ${phase.phase}${description ? `: ${description}` : ""}`;
  const cases = [...phase.verifications.map((v) => verificationCase(v, classname))];
  const outcome = phase.outcome;
  if (outcome?.type === "phase_skipped") {
    const reason = stringField(outcome, "reason") ?? "skipped";
    cases.push({ name: title, classname, time: 0, outcome: { kind: "skipped", message: reason } });
  } else if (outcome?.type === "phase_failed" && !cases.some((c) => c.outcome !== undefined)) {
    const error = stringField(outcome, "error") ?? "phase failed";
    const time = numberField(outcome, "duration_seconds") ?? 0;
    const failed: JUnitOutcome = {
      kind: "error",
      message: error,
      type: "phase_failed",
      text: error,
    };
    cases.push({ name: title, classname, time, outcome: failed });
  }
  const first = phase.started ?? phase.records[0];
  return {
    name: [project, slug, title].filter((part) => part !== undefined).join(" › "),
    package: classname.slice(0, classname.lastIndexOf(".")),
    timestamp: first === undefined ? "1970-01-01T00:00:00" : toJUnitTimestamp(first.timestamp),
    time:
      (outcome && numberField(outcome, "duration_seconds")) ??
      cases.reduce((sum, testCase) => sum + testCase.time, 0),
    properties: suiteProperties(audit, phase, project, slug),
    cases,
  };
}

function verificationCase(record: EventRecord, classname: string): JUnitCase {
  const name = stringField(record, "command") ?? "(unknown command)";
  const time = (numberField(record, "duration_ms") ?? 0) / 1000;
  if (record.type !== "verification_failed") return { name, classname, time };
  const exitCode = numberField(record, "exit_code");
  return {
    name,
    classname,
    time,
    outcome: {
      kind: "failure",
      message: exitCode === undefined ? "failed" : `exit code ${exitCode}`,
      type: "verification_failed",
      text: stringField(record, "output") ?? "",
    },
  };
}

function suiteProperties(
  audit: AuditRun,
  phase: PhaseRun,
  project: string,
  slug: string | undefined,
): (readonly [string, string])[] {
  const properties: [string, string | undefined][] = [
    ["audit_id", audit.audit_id],
    ["project", project],
    ["slug", slug],
    ["git_branch", audit.started && stringField(audit.started, "git_branch")],
    ["git_commit", audit.started && stringField(audit.started, "git_commit")],
    ["phase", String(phase.phase)],
    ["phase_file", phase.started && stringField(phase.started, "file")],
    ["outcome", phase.outcome?.type ?? "in_progress"],
  ];
  return properties.filter((p): p is [string, string] => p[1] !== undefined);
}

/** A part of a JUnit class name: runs of anything but letters, digits, `_` and `-` become `_`. */
function classnamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, "_");
}

/** An ISO timestamp as the JUnit schema wants it: UTC, to the second, without offset. */
export function toJUnitTimestamp(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp.slice(0, 19) : new Date(ms).toISOString().slice(0, 19);
}
