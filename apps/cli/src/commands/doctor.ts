import { dirname } from "node:path";
import { inspectJsonStore } from "@phaser/events-store-json";
import type { Command } from "commander";
import { EXIT_FAILURE } from "../errors/cli-error.js";
import {
  formatOpenAudits,
  formatStoreReport,
  formatUnusableStore,
} from "../format/store-report.js";
import { printLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { setExitCode } from "../io/cli-io.js";
import { openJsonStorage } from "../store/open-storage.js";
import { storeFolderProblem } from "../store/store-folder.js";
import { commonOptionsOf, printJson, withCommonOptions } from "./common-options.js";

/**
 * `phaser-events doctor`: inspects the JSON store without changing it (file,
 * format version, counts, malformed records, backups, lock). Exit code 0 when
 * healthy, 1 when it found a problem; warnings alone do not fail it. An audit
 * with no end event is such a warning: still running, or its `run` was killed
 * (SIGKILL) or crashed before it could record one. A store
 * folder no command could use (a file, a symlink loop, a dangling symlink) is
 * such a problem; `--json` then prints `{ path, healthy: false, problems }`.
 */
export function registerDoctorCommand(program: Command): void {
  withCommonOptions(program.command("doctor"))
    .addHelpText("after", HELP.doctor)
    .description("check the events file: version, counts, malformed records, backups, lock")
    .action(async (_options: unknown, command: Command) => {
      const json = commonOptionsOf(command).json === true;
      const { path } = await openJsonStorage(command);
      const problem = await storeFolderProblem(dirname(path));
      if (problem !== null) {
        if (json) {
          printJson({
            path,
            healthy: false,
            problems: [{ code: "UNUSABLE_FOLDER", severity: "error", message: problem }],
          });
        } else for (const line of formatUnusableStore(path, problem)) printLine(line);
        setExitCode(EXIT_FAILURE);
        return;
      }
      const report = await inspectJsonStore(path);
      if (json) printJson(report);
      else {
        const lines = formatStoreReport(report);
        // Audits without an end event: warnings (one may be running right now), never a failure;
        // before the verdict, which stays the last line.
        lines.splice(lines.length - 1, 0, ...formatOpenAudits(report.openAudits, Date.now()));
        for (const line of lines) printLine(line);
      }
      if (!report.healthy) setExitCode(EXIT_FAILURE);
    });
}
