import { EventEmitter, type EventStorage } from "@phaser/events-core";
import { parseTraceparent } from "@phaser/events-otel";
import { createProgress } from "../format/live-progress.js";
import { cliIo } from "../io/cli-io.js";
import type { AuditPlan } from "../plan/plan-schema.js";
import { readGitInfo } from "../workspace/git.js";
import { type AuditSummary, runAudit } from "./run-audit.js";

export interface ExecutePlanOptions {
  readonly storage: EventStorage;
  readonly cwd: string;
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** SIGKILL the running command at once when this aborts (a second Ctrl-C). */
  readonly killSignal?: AbortSignal | undefined;
  /** Print each event as a JSON line instead of progress lines. */
  readonly json: boolean;
}

/**
 * Runs a plan in `cwd` against `storage`, with progress on stdout: the audit
 * runner with the branch and commit of the repository `cwd` is in.
 */
export async function executePlan(
  plan: AuditPlan,
  options: ExecutePlanOptions,
): Promise<AuditSummary> {
  const emitter = new EventEmitter({ storage: options.storage });
  const io = cliIo();
  const progress = createProgress({ live: io.stdout.isTTY === true, json: options.json });
  emitter.subscribe(progress.onEvent);
  try {
    return await runAudit(plan, {
      emitter,
      cwd: options.cwd,
      git: await readGitInfo(options.cwd),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      killSignal: options.killSignal,
      // A CI system that traces its jobs (or otel-cli) hands the job's span down this way.
      traceParent: parseTraceparent(io.env.TRACEPARENT),
      traceState: io.env.TRACESTATE,
    });
  } finally {
    progress.stop();
  }
}
