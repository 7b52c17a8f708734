import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  emitAuditAbandoned,
  emitAuditCompleted,
  emitAuditStarted,
  emitPhaseFailed,
  emitPhaseSkipped,
  type PhaseFailedInput,
} from "@phaser/events-convenience";
import type { EventEmitter, EventPayload } from "@phaser/events-core";
import { type TraceParent, traceIdForAudit } from "@phaser/events-otel";
import type { AuditPlan } from "../plan/plan-schema.js";
import type { GitInfo } from "../workspace/git.js";
import type { WorkspaceSnapshot } from "../workspace/snapshot.js";
import { type FileCounts, zeroFileCounts } from "./emit-file-changes.js";
import { type AuditTrace, type PhaseStatus, runPhase, secondsSince } from "./run-phase.js";

/** How an audit ended: `completed`, or abandoned for the reason given. */
export type AuditStatus = "completed" | EventPayload<"audit_abandoned">["reason"];

/** What happened in one audit, as its closing event reported it. */
export interface AuditSummary {
  readonly auditId: string;
  readonly status: AuditStatus;
  readonly phasesCompleted: number;
  readonly phasesSkipped: number;
  readonly files: FileCounts;
}

export interface RunAuditOptions {
  readonly emitter: EventEmitter;
  /** The project directory: commands run here, file changes are watched here. */
  readonly cwd: string;
  /** Branch and commit for `audit_started`; left out when undefined. */
  readonly git?: GitInfo | undefined;
  /** Defaults to a random UUID v4. */
  readonly auditId?: string | undefined;
  /** Kill any command running longer than this; the audit then ends with reason `timeout`. */
  readonly timeoutMs?: number | undefined;
  /** Abort to stop the audit (Ctrl-C): the running command is killed, reason `user_request`. */
  readonly signal?: AbortSignal | undefined;
  /** SIGKILL the running command at once when this aborts (a second Ctrl-C). */
  readonly killSignal?: AbortSignal | undefined;
  /**
   * The trace `run` was started in (its `TRACEPARENT`, and `TRACESTATE`): the audit's root span
   * becomes a child of that span, in that trace. Without it the trace id is the audit's own.
   */
  readonly traceParent?: TraceParent | undefined;
  readonly traceState?: string | undefined;
}

const ABANDON_REASON: Readonly<
  Record<Exclude<PhaseStatus, "completed">, EventPayload<"audit_abandoned">["reason"]>
> = {
  failed: "error",
  timeout: "timeout",
  interrupted: "user_request",
};

/**
 * Runs an audit plan phase by phase under a new audit id. Ends with
 * `audit_completed` when every phase completed or was skipped. When a phase
 * fails or times out, the phases after it are skipped (`dependency_failed`)
 * and the audit is abandoned (`error` or `timeout`); when `signal` aborts, it
 * is abandoned at once (`user_request`).
 */
export async function runAudit(plan: AuditPlan, options: RunAuditOptions): Promise<AuditSummary> {
  const { emitter } = options;
  const auditId = options.auditId ?? randomUUID();
  const started = performance.now();
  const total = plan.phases.length;
  const parent = options.traceParent;
  const trace: AuditTrace = {
    traceId: parent?.traceId ?? traceIdForAudit(auditId),
    flags: parent?.flags ?? "01",
    state: parent === undefined ? undefined : options.traceState,
  };
  await emitAuditStarted(emitter, auditId, {
    project: plan.project,
    slug: plan.slug,
    phases_total: total,
    ...options.git,
    trace_id: trace.traceId,
    ...(parent === undefined ? {} : { parent_span_id: parent.spanId }),
    ...(trace.state ? { trace_state: trace.state } : {}),
  });
  const files = zeroFileCounts();
  let completed = 0;
  let skipped = 0;
  const summary = (status: AuditStatus): AuditSummary => ({
    auditId,
    status,
    phasesCompleted: completed,
    phasesSkipped: skipped,
    files,
  });
  /**
   * Ends the audit: the phase that failed (`failed`, phase number and payload), the phases after
   * it skipped when it did not stop for an interrupt, then `audit_abandoned`. Emitted in one turn,
   * so a store that commits in groups (JSON, PostgreSQL) writes them at once: after Ctrl-C, one
   * lock and one flush stand between the killed command and the audit's recorded end.
   */
  const abandon = async (
    reason: EventPayload<"audit_abandoned">["reason"],
    failed?: { readonly phase: number; readonly payload: PhaseFailedInput },
  ) => {
    const ending: Promise<unknown>[] = [];
    if (failed !== undefined) {
      ending.push(emitPhaseFailed(emitter, auditId, failed.phase, failed.payload));
      if (reason !== "user_request") {
        for (let rest = failed.phase + 1; rest <= total; rest++) {
          ending.push(emitPhaseSkipped(emitter, auditId, rest, { reason: "dependency_failed" }));
        }
      }
    }
    // Remaining: the phases not started (spec), so not the one that failed.
    ending.push(
      emitAuditAbandoned(emitter, auditId, {
        reason,
        phases_completed: completed,
        phases_remaining: total - completed - skipped - (failed === undefined ? 0 : 1),
      }),
    );
    await Promise.all(ending);
    return summary(reason);
  };

  // Each phase starts from the previous one's last snapshot: files unchanged since are not read again.
  let baseline: WorkspaceSnapshot | undefined;
  for (const [index, phase] of plan.phases.entries()) {
    if (options.signal?.aborted) return abandon("user_request");
    if (phase.skip) {
      await emitPhaseSkipped(emitter, auditId, index + 1, { reason: "user_request" });
      skipped++;
      continue;
    }
    const ctx = {
      emitter,
      auditId,
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      killSignal: options.killSignal,
      ignore: { patterns: plan.ignore, defaults: plan.default_ignores },
      baseline,
      trace,
    };
    const outcome = await runPhase(ctx, index + 1, phase);
    baseline = outcome.latest ?? baseline;
    files.created += outcome.files.created;
    files.modified += outcome.files.modified;
    files.deleted += outcome.files.deleted;
    if (outcome.status === "completed") {
      completed++;
      continue;
    }
    return abandon(ABANDON_REASON[outcome.status], { phase: index + 1, payload: outcome.failure });
  }
  await emitAuditCompleted(emitter, auditId, {
    duration_seconds: secondsSince(started),
    phases_completed: completed,
    phases_skipped: skipped,
    files_created: files.created,
    files_modified: files.modified,
    files_deleted: files.deleted,
  });
  return summary("completed");
}
