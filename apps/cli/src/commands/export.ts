import type { EventRecord } from "@phaser/events-core";
import { type Command, Option } from "commander";
import { CliError } from "../errors/cli-error.js";
import { EXPORT_FORMATS, type ExportFormat, formatExport } from "../export/export-format.js";
import { writeExport } from "../export/write-export.js";
import { HELP } from "../help/help-texts.js";
import { withStorage } from "../store/open-storage.js";
import { resolveAuditId } from "../store/resolve-audit.js";
import { type CommonOptions, withCommonOptions } from "./common-options.js";

interface ExportOptions extends CommonOptions {
  readonly format: ExportFormat;
  readonly audit?: string;
  readonly out?: string;
}

/**
 * `phaser-events export`: stored events as NDJSON, a JSON array, JUnit XML,
 * CloudEvents, or a self-contained HTML report.
 */
export function registerExportCommand(program: Command): void {
  withCommonOptions(program.command("export"))
    .addHelpText("after", HELP.export)
    .description("export stored events as NDJSON, JSON, JUnit XML, CloudEvents or an HTML report")
    .addOption(
      new Option("--format <format>", "output format").choices(EXPORT_FORMATS).default("ndjson"),
    )
    .option("--audit <id>", "only the events of this audit (`latest`: the last one started)")
    .option(
      "--out <file>",
      "write to FILE instead of stdout: a file whole or not at all (new files 0600), through a symlink to its target, to a FIFO or device as a stream",
    )
    .action(async (options: ExportOptions, command: Command) => {
      let auditId: string | undefined;
      const records: EventRecord[] = await withStorage(command, async (storage, location) => {
        auditId =
          options.audit === undefined
            ? undefined
            : await resolveAuditId(storage, options.audit, location);
        const found = await storage.getEvents({ auditId });
        if (found.length === 0) {
          throw new CliError(
            auditId === undefined
              ? `no events in ${location}, nothing to export`
              : `no events for audit ${auditId} in ${location}, nothing to export`,
          );
        }
        return found;
      });
      const text = await formatExport(options.format, records, auditId);
      if (options.out === undefined) {
        process.stdout.write(text);
        return;
      }
      const path = await writeExport(options.out, text).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new CliError(`cannot write the export to ${options.out}: ${reason}`);
      });
      const noun = records.length === 1 ? "event" : "events";
      console.error(`wrote ${records.length} ${noun} to ${path}`);
    });
}
