import type { SkipReason } from "@phaser/events-core";
import type { Workspace } from "../workspace/workspace.js";
import type { VerificationCheck } from "./verification.js";

/** One phase of a scripted audit. */
export interface PhasePlan {
  /** Phase title (`phase_started.description`). */
  readonly description: string;
  /** Phase file path (`phase_started.file`). */
  readonly file: string;
  /** When set, the phase is not run: `phase_skipped` is emitted with this reason. */
  readonly skip?: SkipReason;
  /** Edits the workspace: what the phase does. */
  readonly work?: (workspace: Workspace) => Promise<void>;
  /** Verify commands, run in order after `work`; the first failure ends the attempt. */
  readonly checks?: readonly VerificationCheck[];
  /** Runs between a failed attempt and the next one: an attempt at a fix. */
  readonly fix?: (workspace: Workspace, attempt: number) => Promise<void>;
  /** Attempts before the phase fails. Default 1 (no retry). */
  readonly maxAttempts?: number;
}

/** A scripted audit: what `audit_started` says, and the phases to run in order. */
export interface AuditPlan {
  readonly project: string;
  readonly slug: string;
  readonly phases: readonly PhasePlan[];
}
