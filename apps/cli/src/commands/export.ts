import { resolve } from "node:path";
import type { EventRecord } from "@phaser/events-core";
import { type Command, Option } from "commander";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";
import { EXPORT_FORMATS, type ExportFormat, formatExport } from "../export/export-format.js";
import { writeExport } from "../export/write-export.js";
import { printErrorLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { cliIo } from "../io/cli-io.js";
import { withStorage } from "../store/open-storage.js";
import { resolveAuditId } from "../store/resolve-audit.js";
import { type CommonOptions, withCommonOptions } from "./common-options.js";

interface ExportOptions extends CommonOptions {
  readonly format: ExportFormat;
  readonly audit?: string;
  readonly out?: string;
  readonly otlpEndpoint?: string;
  readonly otlpHeader: readonly string[];
}

/** `--otlp-header k=v`, repeated: the headers given so far. */
function collectHeader(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

/**
 * `phaser-events export`: stored events as NDJSON, a JSON array, JUnit XML,
 * CloudEvents, a self-contained HTML report, OpenTelemetry traces, a
 * Markdown CI job summary or GitHub Actions annotations.
 */
export function registerExportCommand(program: Command): void {
  withCommonOptions(program.command("export"))
    .addHelpText("after", HELP.export)
    .description(
      "export stored events as NDJSON, JSON, JUnit XML, CloudEvents, an HTML report, OpenTelemetry traces, a Markdown CI job summary or GitHub Actions annotations",
    )
    .addOption(
      new Option("--format <format>", "output format").choices(EXPORT_FORMATS).default("ndjson"),
    )
    .option("--audit <id>", "only the events of this audit (`latest`: the last one started)")
    .option(
      "--otlp-endpoint <url>",
      "send the audits as OpenTelemetry traces (OTLP/JSON) to the collector at URL (its /v1/traces)",
    )
    .option(
      "--otlp-header <name=value>",
      "a header for the collector, e.g. authorization=Bearer… (repeatable)",
      collectHeader,
      [],
    )
    .option(
      "--out <file>",
      "write to FILE instead of stdout: a file whole or not at all (new files 0600), through a symlink to its target, to a FIFO or device as a stream",
    )
    .action(async (options: ExportOptions, command: Command) => {
      const endpoint = options.otlpEndpoint;
      if (endpoint !== undefined) checkOtlpOptions(options, command);
      else if (options.otlpHeader.length > 0) {
        throw new CliError("--otlp-header needs --otlp-endpoint", EXIT_USAGE);
      }
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
      if (endpoint !== undefined) {
        const { sendTraces } = await import("../export/send-traces.js");
        await sendTraces(records, endpoint, options.otlpHeader);
        return;
      }
      const text = await formatExport(options.format, records, auditId);
      if (options.out === undefined) {
        cliIo().stdout.write(text);
        return;
      }
      const path = await writeExport(resolve(cliIo().cwd, options.out), text).catch(
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new CliError(`cannot write the export to ${options.out}: ${reason}`);
        },
      );
      const noun = records.length === 1 ? "event" : "events";
      printErrorLine(`wrote ${records.length} ${noun} to ${path}`);
    });
}

/** `--otlp-endpoint` sends OTLP: no other `--format`, and no `--out`. */
function checkOtlpOptions(options: ExportOptions, command: Command): void {
  if (command.getOptionValueSource("format") !== "default" && options.format !== "otlp") {
    throw new CliError(
      `--otlp-endpoint sends OTLP traces: it does not go with --format ${options.format}`,
      EXIT_USAGE,
    );
  }
  if (options.out !== undefined) {
    throw new CliError("--otlp-endpoint sends the traces: it does not go with --out", EXIT_USAGE);
  }
}
