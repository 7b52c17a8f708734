import type { EventEmitter } from "@phaser/events-core";
import { commitWorkspace } from "../workspace/git.js";
import { withTempWorkspace } from "../workspace/temp-workspace.js";
import { abandonedAuditPlan } from "./abandoned-audit-plan.js";
import { completedAuditPlan } from "./completed-audit-plan.js";
import { seedDemoProject } from "./demo-project.js";
import { type AuditSummary, runAudit } from "./run-audit.js";

export interface DemoAuditsResult {
  /** The temporary project directory (already removed when this resolves). */
  readonly workspaceDir: string;
  readonly completed: AuditSummary;
  readonly abandoned: AuditSummary;
}

export interface RunDemoAuditsOptions {
  readonly emitter: EventEmitter;
  /** Called once the temporary project exists, before the first event. */
  readonly onWorkspace?: (dir: string) => void;
}

/**
 * Runs the two demo audits, one after the other, on a small project in a
 * temporary directory that is removed afterwards: the first completes, the
 * second is abandoned. Together they emit all twelve event types. The project
 * is committed to git before each audit, when git is available, so
 * `audit_started` carries a real branch and commit.
 */
export function runDemoAudits(options: RunDemoAuditsOptions): Promise<DemoAuditsResult> {
  const { emitter } = options;
  return withTempWorkspace("phaser-events-demo-", async (workspace) => {
    options.onWorkspace?.(workspace.dir);
    await seedDemoProject(workspace, [completedAuditPlan, abandonedAuditPlan]);
    const before = await commitWorkspace(workspace.dir, "Initial commit");
    const completed = await runAudit(completedAuditPlan, { emitter, workspace, git: before });
    const after = await commitWorkspace(workspace.dir, `Audit ${completedAuditPlan.slug}`);
    const abandoned = await runAudit(abandonedAuditPlan, { emitter, workspace, git: after });
    return { workspaceDir: workspace.dir, completed, abandoned };
  });
}
