import {
  type AuditRun,
  checkResult,
  groupAudits,
  numberField,
  type PhaseRun,
  projectOf,
  slugOf,
  stringField,
  type VerificationCheck,
  verificationChecks,
} from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";

/** Why a test case did not pass: `<failure>`, `<error>` or `<skipped>`. */
export interface JUnitOutcome {
  readonly kind: "failure" | "error" | "skipped";
  readonly message: string;
  /** The `type` attribute (not written for skipped cases). */
  readonly type?: string;
  /** Text content: the verification's output, the phase's error. */
  readonly text?: string;
}

/**
 * A failed run of a check that ran again, as Maven Surefire reports reruns:
 * `flakyFailure` on a case that passed in the end, `rerunFailure` for each
 * failed run after the first on a case that failed in the end.
 */
export interface JUnitRerun {
  readonly kind: "flakyFailure" | "rerunFailure";
  readonly message: string;
  readonly type: string;
  /** The `<stackTrace>` child: the run's output. */
  readonly stackTrace: string;
}

/** One `<testcase>`: a verify command, or a placeholder for a skipped or failed phase. */
export interface JUnitCase {
  readonly name: string;
  readonly classname: string;
  /** Seconds. */
  readonly time: number;
  readonly outcome?: JUnitOutcome;
  /** Its failed reruns (or, for a flaky case, every failed run), oldest first. */
  readonly reruns?: readonly JUnitRerun[];
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

/** Counts of a suite or of the whole report. A flaky case counts as passed, as in Surefire. */
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
  const cases = verificationChecks(phase.verifications).map((c) => verificationCase(c, classname));
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

/**
 * One case per check, as Surefire writes a test it reran: passed at once, a
 * plain case; passed on a retry (flaky), a passing case with a
 * `<flakyFailure>` per failed run, timed by its passing run; failed in the
 * end, a `<failure>` for its first failed run (timed by it) and a
 * `<rerunFailure>` for each later one.
 */
function verificationCase(check: VerificationCheck, classname: string): JUnitCase {
  const failed = check.runs.filter((run) => run.type === "verification_failed");
  const result = checkResult(check);
  const timed = result === "failed" ? failed[0] : check.runs.at(-1);
  const base = { name: check.command, classname, time: runSeconds(timed) };
  if (result === "passed") return base;
  if (result === "flaky") {
    return { ...base, reruns: failed.map((run) => rerun("flakyFailure", run)) };
  }
  const [first, ...later] = failed as [EventRecord, ...EventRecord[]];
  return {
    ...base,
    outcome: {
      kind: "failure",
      message: failureMessage(first),
      type: "verification_failed",
      text: stringField(first, "output") ?? "",
    },
    reruns: later.map((run) => rerun("rerunFailure", run)),
  };
}

function rerun(kind: JUnitRerun["kind"], run: EventRecord): JUnitRerun {
  return {
    kind,
    message: failureMessage(run),
    type: "verification_failed",
    stackTrace: stringField(run, "output") ?? "",
  };
}

function failureMessage(run: EventRecord): string {
  const exitCode = numberField(run, "exit_code");
  return exitCode === undefined ? "failed" : `exit code ${exitCode}`;
}

function runSeconds(run: EventRecord | undefined): number {
  return ((run && numberField(run, "duration_ms")) ?? 0) / 1000;
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
