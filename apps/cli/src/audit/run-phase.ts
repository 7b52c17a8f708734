import { performance } from "node:perf_hooks";
import {
  emitPhaseCompleted,
  emitPhaseFailed,
  emitPhaseSkipped,
  emitPhaseStarted,
  emitVerificationFailed,
  emitVerificationPassed,
} from "@phaser/events-convenience";
import type { EventEmitter } from "@phaser/events-core";
import { trackFileChanges } from "../workspace/file-changes.js";
import type { Workspace } from "../workspace/workspace.js";
import type { PhasePlan } from "./audit-plan.js";
import { emitFileChanges, type FileCounts, zeroFileCounts } from "./emit-file-changes.js";
import { runVerification, type VerificationCheck } from "./verification.js";

/** Where a phase runs and reports. */
export interface PhaseContext {
  readonly emitter: EventEmitter;
  readonly auditId: string;
  readonly workspace: Workspace;
}

export interface PhaseOutcome {
  readonly status: "completed" | "failed" | "skipped";
  readonly files: FileCounts;
}

/** Seconds between a `performance.now()` reading and now, to the millisecond. */
export function secondsSince(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}

/**
 * Runs one phase: `phase_started`, the work (with a `file_*` event per file it
 * touched), the verify commands with retries, then `phase_completed` or
 * `phase_failed`. A phase planned as skipped only emits `phase_skipped`.
 */
export async function runPhase(
  ctx: PhaseContext,
  phase: number,
  plan: PhasePlan,
): Promise<PhaseOutcome> {
  const { emitter, auditId, workspace } = ctx;
  const files = zeroFileCounts();
  if (plan.skip !== undefined) {
    await emitPhaseSkipped(emitter, auditId, phase, { reason: plan.skip });
    return { status: "skipped", files };
  }
  const started = performance.now();
  await emitPhaseStarted(emitter, auditId, phase, {
    description: plan.description,
    file: plan.file,
  });
  const tracker = await trackFileChanges(workspace.dir);
  const recordChanges = async () =>
    emitFileChanges(emitter, auditId, phase, await tracker.collect(), files);

  await plan.work?.(workspace);
  await recordChanges();
  const maxAttempts = plan.maxAttempts ?? 1;
  let verifications = 0;
  let attempt = 1;
  for (;;) {
    const { ran, failed } = await verify(ctx, phase, plan.checks ?? []);
    verifications += ran;
    if (failed === undefined) {
      await emitPhaseCompleted(emitter, auditId, phase, {
        duration_seconds: secondsSince(started),
        files_created: files.created,
        files_modified: files.modified,
        verification_count: verifications,
      });
      return { status: "completed", files };
    }
    if (attempt >= maxAttempts) {
      await emitPhaseFailed(emitter, auditId, phase, {
        error: `Verification command failed: ${failed.command}`,
        attempts: attempt,
        duration_seconds: secondsSince(started),
      });
      return { status: "failed", files };
    }
    await plan.fix?.(workspace, attempt);
    await recordChanges();
    attempt++;
  }
}

/** Runs the checks in order until one fails, emitting `verification_passed`/`_failed` for each. */
async function verify(
  ctx: PhaseContext,
  phase: number,
  checks: readonly VerificationCheck[],
): Promise<{ ran: number; failed: VerificationCheck | undefined }> {
  let ran = 0;
  for (const check of checks) {
    const result = await runVerification(check, ctx.workspace.dir);
    ran++;
    if (result.exit_code === 0) {
      await emitVerificationPassed(ctx.emitter, ctx.auditId, phase, {
        command: check.command,
        duration_ms: result.duration_ms,
      });
    } else {
      await emitVerificationFailed(ctx.emitter, ctx.auditId, phase, {
        command: check.command,
        exit_code: result.exit_code,
        duration_ms: result.duration_ms,
        output: result.output,
      });
      return { ran, failed: check };
    }
  }
  return { ran, failed: undefined };
}
