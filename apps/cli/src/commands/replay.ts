import { EventEmitter } from "@phaser/events-core";
import type { Command } from "commander";
import { CliError } from "../errors/cli-error.js";
import { pc } from "../format/colors.js";
import { createTimeline } from "../format/timeline.js";
import { withStorage } from "../store/open-storage.js";
import { withCommonOptions } from "./common-options.js";

/** `phaser-events replay <auditId>`: one audit's timeline, through `emitter.replay`. */
export function registerReplayCommand(program: Command): void {
  withCommonOptions(program.command("replay"))
    .description("print the timeline of one audit")
    .argument("<auditId>", "the audit to replay (its full id)")
    .action(async (auditId: string, _options: unknown, command: Command) => {
      await withStorage(command, async (storage, location) => {
        const lines: string[] = [];
        const timeline = createTimeline();
        const emitter = new EventEmitter({ storage });
        const count = await emitter.replay(auditId, (event) => {
          lines.push(...timeline(event));
        });
        if (count === 0) throw new CliError(`no events for audit ${auditId} in ${location}`);
        console.log(pc.bold(`Audit ${auditId}`));
        for (const line of lines) console.log(line);
        console.log(`${count} events replayed from ${location}`);
      });
    });
}
