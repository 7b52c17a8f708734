import { performance } from "node:perf_hooks";
import {
  emitPhaseCompleted,
  emitPhaseFailed,
  emitPhaseStarted,
  emitVerificationFailed,
  emitVerificationPassed,
} from "@phaser/events-convenience";
import type { EventEmitter } from "@phaser/events-core";
import type { PhasePlan } from "../plan/plan-schema.js";
import { trackFileChanges } from "../workspace/file-changes.js";
import type { IgnoreOptions } from "../workspace/ignores.js";
import { emitFileChanges, type FileCounts, zeroFileCounts } from "./emit-file-changes.js";
import { type CommandResult, runCommand } from "./run-command.js";

/** Where a phase runs and reports. */
export interface PhaseContext {
  readonly emitter: EventEmitter;
  readonly auditId: string;
  /** The project directory commands run in and file changes are watched in. */
  readonly cwd: string;
  /** Kill any command running longer than this. */
  readonly timeoutMs?: number | undefined;
  /** Aborted on Ctrl-C: the running command is stopped and the phase ends `interrupted`. */
  readonly signal?: AbortSignal | undefined;
  /** The plan's `ignore:` and `default_ignores:`, for the files watched. */
  readonly ignore?: IgnoreOptions | undefined;
}

/** How a phase ended. An interrupted phase ends with `phase_failed` naming the command it stopped. */
export type PhaseStatus = "completed" | "failed" | "timeout" | "interrupted";

export interface PhaseOutcome {
  readonly status: PhaseStatus;
  readonly files: FileCounts;
}

/** Seconds between a `performance.now()` reading and now, to the millisecond. */
export function secondsSince(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}

/**
 * Runs one phase: `phase_started`; the `run` command; a `file_*` event per
 * file it changed; the verify commands, again up to `retries` times after a
 * failure; then `phase_completed` or `phase_failed`.
 */
export async function runPhase(
  ctx: PhaseContext,
  phase: number,
  plan: PhasePlan,
): Promise<PhaseOutcome> {
  const { emitter, auditId } = ctx;
  const files = zeroFileCounts();
  const started = performance.now();
  await emitPhaseStarted(emitter, auditId, phase, {
    description: plan.title,
    file: plan.file ?? "",
  });
  const tracker = await trackFileChanges(ctx.cwd, { ignore: ctx.ignore });
  const recordChanges = async () =>
    emitFileChanges(emitter, auditId, phase, await tracker.collect(), files);
  const fail = async (
    status: PhaseStatus,
    error: string,
    attempts: number,
  ): Promise<PhaseOutcome> => {
    await emitPhaseFailed(emitter, auditId, phase, {
      error,
      attempts,
      duration_seconds: secondsSince(started),
    });
    return { status, files };
  };

  if (plan.run !== undefined) {
    const result = await run(ctx, plan.run);
    if (result.aborted) return fail("interrupted", `Interrupted while running: ${plan.run}`, 1);
    await recordChanges();
    if (result.timedOut) return fail("timeout", `Run command timed out: ${plan.run}`, 1);
    if (result.exitCode !== 0) {
      return fail("failed", `Run command failed with exit code ${result.exitCode}: ${plan.run}`, 1);
    }
  } else {
    await recordChanges();
  }

  let verifications = 0;
  for (let attempt = 1; ; attempt++) {
    const failed = await verify(ctx, phase, plan.verify);
    verifications += failed.ran;
    if (failed.result?.aborted) {
      return fail("interrupted", `Interrupted while running: ${failed.command}`, attempt);
    }
    // Verify commands may write files too (build output, reports): record what is not ignored.
    await recordChanges();
    if (failed.command === undefined) {
      await emitPhaseCompleted(emitter, auditId, phase, {
        duration_seconds: secondsSince(started),
        files_created: files.created,
        files_modified: files.modified,
        verification_count: verifications,
      });
      return { status: "completed", files };
    }
    if (failed.result?.timedOut) {
      return fail("timeout", `Verification command timed out: ${failed.command}`, attempt);
    }
    if (attempt > plan.retries) {
      const code = failed.result?.exitCode;
      return fail(
        "failed",
        `Verification command failed with exit code ${code}: ${failed.command}`,
        attempt,
      );
    }
  }
}

function run(ctx: PhaseContext, command: string): Promise<CommandResult> {
  return runCommand(command, {
    cwd: ctx.cwd,
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
    env: { PHASER_AUDIT_ID: ctx.auditId },
  });
}

/** Runs the commands in order until one fails, emitting `verification_passed`/`_failed` for each. */
async function verify(
  ctx: PhaseContext,
  phase: number,
  commands: readonly string[],
): Promise<{ ran: number; command?: string; result?: CommandResult }> {
  let ran = 0;
  for (const command of commands) {
    const result = await run(ctx, command);
    if (result.aborted) return { ran, command, result };
    ran++;
    if (result.exitCode === 0) {
      await emitVerificationPassed(ctx.emitter, ctx.auditId, phase, {
        command,
        duration_ms: result.durationMs,
      });
    } else {
      await emitVerificationFailed(ctx.emitter, ctx.auditId, phase, {
        command,
        exit_code: result.exitCode,
        duration_ms: result.durationMs,
        output: result.output,
      });
      return { ran, command, result };
    }
  }
  return { ran };
}
