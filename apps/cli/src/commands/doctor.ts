import { inspectJsonStore } from "@phaser/events-store-json";
import type { Command } from "commander";
import { EXIT_FAILURE } from "../errors/cli-error.js";
import { formatStoreReport } from "../format/store-report.js";
import { HELP } from "../help/help-texts.js";
import { openJsonStorage } from "../store/open-storage.js";
import { commonOptionsOf, printJson, withCommonOptions } from "./common-options.js";

/**
 * `phaser-events doctor`: inspects the JSON store without changing it (file,
 * format version, counts, malformed records, backups, lock). Exit code 0 when
 * healthy, 1 when it found a problem; warnings alone do not fail it.
 */
export function registerDoctorCommand(program: Command): void {
  withCommonOptions(program.command("doctor"))
    .addHelpText("after", HELP.doctor)
    .description("check the events file: version, counts, malformed records, backups, lock")
    .action(async (_options: unknown, command: Command) => {
      const report = await inspectJsonStore((await openJsonStorage(command)).path);
      if (commonOptionsOf(command).json === true) printJson(report);
      else for (const line of formatStoreReport(report)) console.log(line);
      if (!report.healthy) process.exitCode = EXIT_FAILURE;
    });
}
