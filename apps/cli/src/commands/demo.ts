import { rmSync } from "node:fs";
import { cp, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventEmitter } from "@phaser/events-core";
import type { Command } from "commander";
import { DEMO_PLANS, DEMO_PROJECT_DIR } from "../audit/demo-files.js";
import { exitCodeFor, withInterrupts } from "../audit/interrupt.js";
import { pc } from "../format/colors.js";
import { printLine } from "../format/terminal-output.js";
import { createTimeline } from "../format/timeline.js";
import { HELP } from "../help/help-texts.js";
import { hintCommand } from "../help/hint-command.js";
import { setExitCode } from "../io/cli-io.js";
import { ensureStoreUsable } from "../store/open-check.js";
import { withStorage } from "../store/open-storage.js";
import { commitWorkspace } from "../workspace/git.js";
import { commonOptionsOf, withCommonOptions } from "./common-options.js";

/**
 * `phaser-events demo`: copies the bundled sample project to a temporary git
 * repository and `run`s its two bundled plans there (one completes, one is
 * abandoned: all twelve event types), then replays the completed audit.
 */
export function registerDemoCommand(program: Command): void {
  withCommonOptions(program.command("demo"))
    .addHelpText("after", HELP.demo)
    .description("run the two bundled sample plans on a sample project and record their events")
    .action(async (_options: unknown, command: Command) => {
      const json = commonOptionsOf(command).json === true;
      const say = (line: string) => {
        if (!json) printLine(line);
      };
      const { executePlan, loadPlan } = await import("../audit/run-modules.js");
      const plans = [await loadPlan(DEMO_PLANS.completed), await loadPlan(DEMO_PLANS.abandoned)];
      const cwd = await mkdtemp(join(tmpdir(), "phaser-events-demo-"));
      const removeWorkspace = () => rmSync(cwd, { recursive: true, force: true });
      try {
        const { signal } = await withInterrupts(
          ({ signal, killSignal }) =>
            withStorage(command, async (storage, location) => {
              // A store it cannot use stops it before any command runs.
              await ensureStoreUsable(storage);
              await cp(DEMO_PROJECT_DIR, cwd, { recursive: true });
              // Shipped as `_gitignore`: npm leaves `.gitignore` files out of packages (or renames them).
              await rename(join(cwd, "_gitignore"), join(cwd, ".gitignore"));
              await commitWorkspace(cwd, "Initial commit");
              say(pc().bold(`Phaser Events demo: two audits of a project in ${cwd}`));
              const summaries = [];
              for (const [index, plan] of plans.entries()) {
                if (index > 0) await commitWorkspace(cwd, `Audit ${plans[index - 1]?.slug}`);
                say(
                  pc().bold(
                    `\nphaser-events run ${index === 0 ? DEMO_PLANS.completed : DEMO_PLANS.abandoned}`,
                  ),
                );
                if (signal.aborted) return;
                summaries.push(await executePlan(plan, { storage, cwd, json, signal, killSignal }));
              }
              if (signal.aborted) return;
              const [completed, abandoned] = summaries;
              if (json || completed === undefined || abandoned === undefined) return;
              say(`\n${pc().bold(`Replay of audit ${completed.auditId}`)}`);
              const timeline = createTimeline();
              const count = await new EventEmitter({ storage }).replay(
                completed.auditId,
                (event) => {
                  for (const line of timeline(event)) say(line);
                },
              );
              say(`${count} events replayed.`);
              say(`\nEvents are stored in ${pc().bold(location)}`);
              const again = hintCommand();
              say(`Try: ${again} list --audit ${abandoned.auditId}`);
              say(`     ${again} replay latest`);
              say(`     ${again} insights`);
            }),
          // Exiting at the deadline skips the finally below.
          removeWorkspace,
        );
        if (signal !== undefined) setExitCode(exitCodeFor(signal));
      } finally {
        await rm(cwd, { recursive: true, force: true });
      }
    });
}
