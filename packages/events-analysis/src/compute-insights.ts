import type { EventRecord } from "@phaser/events-core";
import {
  type AuditRun,
  groupAudits,
  isPhaseEnd,
  type PhaseRun,
  projectOf,
  slugOf,
  withAuditStarts,
} from "./group-audits.js";
import type {
  ChangedFile,
  ComputeInsightsOptions,
  FailingCommand,
  Insights,
  PhaseCounts,
  ProjectInsights,
  RetriedPhase,
} from "./insights.js";
import { TOP_LIMIT } from "./insights.js";
import { numberField, stringField } from "./record-data.js";
import { mean, percentileNearestRank, topCounts } from "./statistics.js";
import { checkResult, verificationChecks } from "./verification-checks.js";

/** Computes per-project insights from records (oldest first). Pure. */
export function computeInsights(
  records: readonly EventRecord[],
  options: ComputeInsightsOptions = {},
): Insights {
  const audits = withAuditStarts(groupAudits(records), options.auditStarts ?? []);
  const byProject = new Map<string, AuditRun[]>();
  for (const audit of audits) {
    const project = projectOf(audit);
    byProject.set(project, [...(byProject.get(project) ?? []), audit]);
  }
  const projects = [...byProject.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([project, runs]) => projectInsights(project, runs));
  return {
    since: options.since ?? null,
    events: records.length,
    audits: audits.length,
    projects,
  };
}

function projectInsights(project: string, audits: readonly AuditRun[]): ProjectInsights {
  const phases = audits.flatMap((audit) => audit.phases.map((phase) => ({ audit, phase })));
  const ended = (type: string) => phases.filter(({ phase }) => phase.outcome?.type === type);
  const completed = ended("phase_completed").length;
  const failed = ended("phase_failed").length;
  const durations = phases
    .filter(({ phase }) => isPhaseEnd(phase.outcome?.type))
    .map(({ phase }) => numberField(phase.outcome as EventRecord, "duration_seconds"))
    .filter((value): value is number => value !== undefined);
  const retries = phases
    .filter(({ phase }) => isPhaseEnd(phase.outcome?.type))
    .map(({ audit, phase }) => retriedPhase(audit, phase));
  const auditEnd = (type: string) => audits.filter((audit) => audit.ended?.type === type).length;
  return {
    project,
    audits: {
      total: audits.length,
      completed: auditEnd("audit_completed"),
      abandoned: auditEnd("audit_abandoned"),
      in_progress: audits.filter((audit) => audit.ended === undefined).length,
    },
    phases: phaseCounts(completed, failed, ended("phase_skipped").length),
    phase_duration_seconds: {
      count: durations.length,
      mean: mean(durations),
      p95: percentileNearestRank(durations, 95),
    },
    failing_commands: failingCommands(phases.map(({ phase }) => phase)),
    changed_files: changedFiles(phases.map(({ phase }) => phase)),
    retries: {
      phases: retries.length,
      mean: mean(retries.map((phase) => phase.retries)),
      max: retries.reduce<RetriedPhase | null>(
        (max, phase) => (max === null || phase.retries > max.retries ? phase : max),
        null,
      ),
    },
  };
}

/** Phases that ended by outcome, and the success rate: completed / (completed + failed). */
export function phaseCounts(completed: number, failed: number, skipped: number): PhaseCounts {
  return {
    completed,
    failed,
    skipped,
    success_rate: completed + failed === 0 ? null : completed / (completed + failed),
  };
}

function retriedPhase(audit: AuditRun, phase: PhaseRun): RetriedPhase {
  const failedRuns = phase.verifications.filter((v) => v.type === "verification_failed").length;
  const attempts =
    phase.outcome?.type === "phase_failed" ? numberField(phase.outcome, "attempts") : undefined;
  return {
    retries: attempts === undefined ? failedRuns : Math.max(0, attempts - 1),
    audit_id: audit.audit_id,
    slug: slugOf(audit) ?? null,
    phase: phase.phase,
    description: (phase.started && stringField(phase.started, "description")) ?? null,
  };
}

function failingCommands(phases: readonly PhaseRun[]): FailingCommand[] {
  const counts = new Map<string, { command: string; count: number; flaky: number }>();
  for (const check of phases.flatMap((phase) => verificationChecks(phase.verifications))) {
    const failed = check.runs.filter((run) => run.type === "verification_failed").length;
    if (failed === 0 || stringField(check.runs[0] as EventRecord, "command") === undefined) {
      continue;
    }
    const entry = counts.get(check.command) ?? { command: check.command, count: 0, flaky: 0 };
    entry.count += failed;
    // A check that passed on a retry did not fail its phase: its failed runs were flaky.
    if (checkResult(check) === "flaky") entry.flaky += failed;
    counts.set(check.command, entry);
  }
  return topCounts(counts.values(), TOP_LIMIT).map(({ command, count, flaky }) => ({
    command,
    failures: count,
    flaky,
  }));
}

function changedFiles(phases: readonly PhaseRun[]): ChangedFile[] {
  const counts = new Map<string, { path: string; count: number; added: number; removed: number }>();
  for (const record of phases.flatMap((phase) => phase.files)) {
    const path = stringField(record, "path");
    if (path === undefined) continue;
    const entry = counts.get(path) ?? { path, count: 0, added: 0, removed: 0 };
    entry.count += 1;
    entry.added += numberField(record, "lines_added") ?? 0;
    entry.removed += numberField(record, "lines_removed") ?? 0;
    counts.set(path, entry);
  }
  return topCounts(counts.values(), TOP_LIMIT).map((entry) => ({
    path: entry.path,
    changes: entry.count,
    lines_added: entry.added,
    lines_removed: entry.removed,
  }));
}
