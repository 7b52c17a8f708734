import { EventEmitter } from "@phaser/events-core";
import type { Command } from "commander";
import { runDemoAudits } from "../audit/run-demo-audit.js";
import { pc } from "../format/colors.js";
import { formatProgress } from "../format/progress.js";
import { createTimeline } from "../format/timeline.js";
import { withStorage } from "../store/open-storage.js";
import { withCommonOptions } from "./common-options.js";

/**
 * `phaser-events demo`: runs the two demo audits with live progress, then
 * replays the completed one as a timeline and says where the events are.
 */
export function registerDemoCommand(program: Command): void {
  withCommonOptions(program.command("demo"))
    .description("run two realistic audits in a temporary project and record their events")
    .action(async (_options: unknown, command: Command) => {
      await withStorage(command, async (storage, location) => {
        // Read the store first: a file it cannot use stops the demo before any work is done.
        await storage.getEvents({ limit: 0 });
        const emitter = new EventEmitter({ storage });
        emitter.subscribe((event) => {
          for (const line of formatProgress(event)) console.log(line);
        });
        const result = await runDemoAudits({
          emitter,
          onWorkspace: (dir) =>
            console.log(pc.bold(`Phaser Events demo: two audits of a project in ${dir}`)),
        });

        const { auditId } = result.completed;
        console.log(`\n${pc.bold(`Replay of audit ${auditId}`)}`);
        const timeline = createTimeline();
        const count = await emitter.replay(auditId, (event) => {
          for (const line of timeline(event)) console.log(line);
        });
        console.log(`${count} events replayed.`);
        console.log(`\nEvents are stored in ${pc.bold(location)}`);
        console.log(`Try: phaser-events list --audit ${result.abandoned.auditId}`);
        console.log(`     phaser-events replay ${auditId}`);
      });
    });
}
