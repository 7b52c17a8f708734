import { EventEmitter } from "@phaser/events-core";
import type { Command } from "commander";
import { CliError } from "../errors/cli-error.js";
import { pc } from "../format/colors.js";
import { printLine } from "../format/terminal-output.js";
import { stdoutColumns } from "../format/terminal-width.js";
import { shown } from "../format/text.js";
import { createTimeline } from "../format/timeline.js";
import { HELP } from "../help/help-texts.js";
import { withStorage } from "../store/open-storage.js";
import { resolveAuditId } from "../store/resolve-audit.js";
import { commonOptionsOf, printJson, withCommonOptions } from "./common-options.js";

/**
 * `phaser-events replay <auditId|latest>`: one audit's timeline through
 * `emitter.replay`: times relative to its start, phase durations, and each
 * failure with its verification output. `--json`: the records as NDJSON.
 */
export function registerReplayCommand(program: Command): void {
  withCommonOptions(program.command("replay"))
    .addHelpText("after", HELP.replay)
    .description("print the timeline of one audit")
    .argument("<auditId>", "the audit to replay: its full id, or `latest`")
    .action(async (auditArg: string, _options: unknown, command: Command) => {
      const json = commonOptionsOf(command).json === true;
      await withStorage(command, async (storage, location) => {
        const auditId = await resolveAuditId(storage, auditArg, location);
        const lines: string[] = [];
        const timeline = createTimeline({ width: stdoutColumns() });
        const count = await new EventEmitter({ storage }).replay(auditId, (event) => {
          if (json) printJson(event.toDict());
          else lines.push(...timeline(event));
        });
        if (count === 0) throw new CliError(`no events for audit ${auditId} in ${location}`);
        if (json) return;
        printLine(pc().bold(`Audit ${shown(auditId)}`));
        for (const line of lines) printLine(line);
        printLine(`${count} events replayed from ${shown(location)}`);
      });
    });
}
