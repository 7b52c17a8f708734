import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  emitAuditAbandoned,
  emitAuditCompleted,
  emitAuditStarted,
} from "@phaser/events-convenience";
import type { EventEmitter } from "@phaser/events-core";
import type { GitInfo } from "../workspace/git.js";
import type { Workspace } from "../workspace/workspace.js";
import type { AuditPlan } from "./audit-plan.js";
import { type FileCounts, zeroFileCounts } from "./emit-file-changes.js";
import { runPhase, secondsSince } from "./run-phase.js";

/** What happened in one audit, as its closing event reported it. */
export interface AuditSummary {
  readonly auditId: string;
  readonly status: "completed" | "abandoned";
  readonly phasesCompleted: number;
  readonly phasesSkipped: number;
  readonly files: FileCounts;
}

export interface RunAuditOptions {
  readonly emitter: EventEmitter;
  readonly workspace: Workspace;
  /** Branch and commit for `audit_started`; left out when undefined. */
  readonly git?: GitInfo | undefined;
  /** Defaults to a random UUID v4. */
  readonly auditId?: string;
}

/**
 * Runs an audit plan phase by phase under a new audit id. Ends with
 * `audit_completed` when every phase completed or was skipped, or with
 * `audit_abandoned` (reason `error`) at the first phase that failed.
 */
export async function runAudit(plan: AuditPlan, options: RunAuditOptions): Promise<AuditSummary> {
  const { emitter, workspace } = options;
  const auditId = options.auditId ?? randomUUID();
  const started = performance.now();
  const total = plan.phases.length;
  await emitAuditStarted(emitter, auditId, {
    project: plan.project,
    slug: plan.slug,
    phases_total: total,
    ...options.git,
  });
  const files = zeroFileCounts();
  let completed = 0;
  let skipped = 0;
  for (const [index, phasePlan] of plan.phases.entries()) {
    const outcome = await runPhase({ emitter, auditId, workspace }, index + 1, phasePlan);
    files.created += outcome.files.created;
    files.modified += outcome.files.modified;
    files.deleted += outcome.files.deleted;
    if (outcome.status === "skipped") skipped++;
    if (outcome.status === "completed") completed++;
    if (outcome.status === "failed") {
      // Remaining: every phase neither completed nor skipped, the failed one included.
      await emitAuditAbandoned(emitter, auditId, {
        reason: "error",
        phases_completed: completed,
        phases_remaining: total - completed - skipped,
      });
      return {
        auditId,
        status: "abandoned",
        phasesCompleted: completed,
        phasesSkipped: skipped,
        files,
      };
    }
  }
  await emitAuditCompleted(emitter, auditId, {
    duration_seconds: secondsSince(started),
    phases_completed: completed,
    phases_skipped: skipped,
    files_created: files.created,
    files_modified: files.modified,
    files_deleted: files.deleted,
  });
  return {
    auditId,
    status: "completed",
    phasesCompleted: completed,
    phasesSkipped: skipped,
    files,
  };
}
