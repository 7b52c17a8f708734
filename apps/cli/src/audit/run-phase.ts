import { performance } from "node:perf_hooks";
import {
  emitPhaseCompleted,
  emitPhaseStarted,
  emitVerificationFailed,
  emitVerificationPassed,
  type PhaseFailedInput,
  truncateOutput,
} from "@phaser/events-convenience";
import type { EventEmitter } from "@phaser/events-core";
import { formatTraceparent, phaseSpanId, verificationSpanId } from "@phaser/events-otel";
import type { PhasePlan } from "../plan/plan-schema.js";
import { type FileChangeTracker, trackFileChanges } from "../workspace/file-changes.js";
import type { IgnoreOptions } from "../workspace/ignores.js";
import type { WorkspaceSnapshot } from "../workspace/snapshot.js";
import { emitFileChanges, type FileCounts, zeroFileCounts } from "./emit-file-changes.js";
import { type CommandResult, describeExitCode, runCommand } from "./run-command.js";

/**
 * The OpenTelemetry trace an audit is exported as: each command gets a `TRACEPARENT` naming the
 * span it will be exported under (its verification attempt's, or for `run:` its phase's), so a
 * tool that traces itself nests there. The ids are those `toOtlpTraces` derives from the records.
 */
export interface AuditTrace {
  readonly traceId: string;
  readonly flags: string;
  /** `TRACESTATE`, passed on as it came with the `TRACEPARENT` `run` was started with. */
  readonly state: string | undefined;
}

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
  /** Aborted on a second Ctrl-C: the running command is SIGKILLed at once. */
  readonly killSignal?: AbortSignal | undefined;
  /** The plan's `ignore:` and `default_ignores:`, for the files watched. */
  readonly ignore?: IgnoreOptions | undefined;
  /** The previous phase's last snapshot: files it saw unchanged are not read again. */
  readonly baseline?: WorkspaceSnapshot | undefined;
  readonly trace: AuditTrace;
}

/** How a phase ended. An interrupted phase ends with `phase_failed` naming the command it stopped. */
export type PhaseStatus = "completed" | "failed" | "timeout" | "interrupted";

interface PhaseEnd {
  readonly files: FileCounts;
  /** The phase's last snapshot of the project, when it took one: the next phase's baseline. */
  readonly latest?: WorkspaceSnapshot | undefined;
}

/**
 * How a phase ended. One that did not complete carries its `phase_failed` payload, not yet
 * emitted: the audit records it in the same write as the audit's end (after Ctrl-C, one lock and
 * one flush).
 */
export type PhaseOutcome =
  | (PhaseEnd & { readonly status: "completed" })
  | (PhaseEnd & {
      readonly status: Exclude<PhaseStatus, "completed">;
      readonly failure: PhaseFailedInput;
    });

/** Seconds between a `performance.now()` reading and now, to the millisecond. */
export function secondsSince(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}

/**
 * Runs one phase: `phase_started`; the `run` command; a `file_*` event per
 * file it changed; the verify commands, again up to `retries` times after a
 * failure; then `phase_completed`, or the outcome carries the `phase_failed`
 * payload for the caller to emit with the audit's end.
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
  let tracker: FileChangeTracker | undefined;
  const fail = (
    status: Exclude<PhaseStatus, "completed">,
    error: string,
    attempts: number,
  ): PhaseOutcome => ({
    status,
    failure: { error, attempts, duration_seconds: secondsSince(started) },
    files,
    latest: tracker?.latest,
  });
  // Reading the project can take a while (hashing big files, a big diff): an interrupt stops it.
  const interruptedReading = (attempts: number) =>
    fail("interrupted", "Interrupted while recording file changes", attempts);
  try {
    tracker = await trackFileChanges(ctx.cwd, {
      ignore: ctx.ignore,
      signal: ctx.signal,
      baseline: ctx.baseline,
    });
  } catch (error) {
    if (ctx.signal?.aborted !== true) throw error;
    return interruptedReading(1);
  }
  const changes = tracker;
  /** Emits what changed; false when an interrupt stopped it. */
  const recordChanges = async (): Promise<boolean> => {
    try {
      const found = await changes.collect({ signal: ctx.signal });
      await emitFileChanges(emitter, auditId, phase, found, files);
      return true;
    } catch (error) {
      if (ctx.signal?.aborted !== true) throw error;
      return false;
    }
  };

  if (plan.run !== undefined) {
    const result = await run(ctx, plan.run, phaseSpanId(ctx.auditId, phase));
    if (result.aborted) return fail("interrupted", `Interrupted while running: ${plan.run}`, 1);
    if (!(await recordChanges())) return interruptedReading(1);
    if (result.timedOut) {
      return fail("timeout", withOutput(`Run command timed out: ${plan.run}`, result), 1);
    }
    if (result.exitCode !== 0) {
      const why = `Run command failed with ${describeExitCode(result.exitCode)}: ${plan.run}`;
      return fail("failed", withOutput(why, result), 1);
    }
  } else if (!(await recordChanges())) {
    return interruptedReading(1);
  }

  let verifications = 0;
  // Runs of each verify command so far: the attempt number its span is exported with.
  const runs = new Map<string, number>();
  for (let attempt = 1; ; attempt++) {
    const failed = await verify(ctx, phase, plan.verify, runs);
    verifications += failed.ran;
    if (failed.result?.aborted) {
      return fail("interrupted", `Interrupted while running: ${failed.command}`, attempt);
    }
    // Verify commands may write files too (build output, reports): record what is not ignored.
    if (!(await recordChanges())) return interruptedReading(attempt);
    if (failed.command === undefined) {
      await emitPhaseCompleted(emitter, auditId, phase, {
        duration_seconds: secondsSince(started),
        files_created: files.created,
        files_modified: files.modified,
        verification_count: verifications,
      });
      return { status: "completed", files, latest: changes.latest };
    }
    if (failed.result?.timedOut) {
      const why = `Verification command timed out: ${failed.command}`;
      return fail("timeout", withOutput(why, failed.result), attempt);
    }
    if (attempt > plan.retries) {
      const exit = describeExitCode(failed.result?.exitCode ?? 1);
      const why = `Verification command failed with ${exit}: ${failed.command}`;
      return fail(
        "failed",
        failed.result === undefined ? why : withOutput(why, failed.result),
        attempt,
      );
    }
  }
}

/**
 * `message`, then the command's output (cleaned and cut as
 * `verification_failed.output` is): a reader of `phase_failed` sees the cause.
 */
function withOutput(message: string, result: CommandResult): string {
  const output = truncateOutput(result.output);
  return output === "" ? message : `${message}\n${output}`;
}

/** Runs `command` as a child of span `spanId` (its `TRACEPARENT`). */
function run(ctx: PhaseContext, command: string, spanId: string): Promise<CommandResult> {
  const { trace } = ctx;
  return runCommand(command, {
    cwd: ctx.cwd,
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
    killSignal: ctx.killSignal,
    env: {
      PHASER_AUDIT_ID: ctx.auditId,
      TRACEPARENT: formatTraceparent(trace.traceId, spanId, trace.flags),
      // Empty unless `run` came with a valid TRACEPARENT: a tracestate belongs to its trace.
      TRACESTATE: trace.state ?? "",
    },
  });
}

/** Runs the commands in order until one fails, emitting `verification_passed`/`_failed` for each. */
async function verify(
  ctx: PhaseContext,
  phase: number,
  commands: readonly string[],
  runs: Map<string, number>,
): Promise<{ ran: number; command?: string; result?: CommandResult }> {
  let ran = 0;
  for (const command of commands) {
    const attempt = (runs.get(command) ?? 0) + 1;
    runs.set(command, attempt);
    const spanId = verificationSpanId(ctx.auditId, phase, command, attempt);
    const result = await run(ctx, command, spanId);
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
