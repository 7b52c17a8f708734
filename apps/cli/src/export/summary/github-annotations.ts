import type { AuditSummary, CheckSummary } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import { auditSummaries, OUTPUT_TAIL_BYTES, OUTPUT_TAIL_LINES } from "./audit-summaries.js";
import { checkFailure, flakyPassage } from "./check-text.js";
import { oneLine, outputTail } from "./markdown-text.js";

/**
 * A workflow command's message, escaped as GitHub's toolkit escapes it
 * (`escapeData` in actions/toolkit packages/core/src/command.ts): `%` first,
 * then CR and LF, so the runner reads back exactly these characters and the
 * command stays one line, however many `::` the text holds.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value: as {@link escapeData}, plus `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::name key=value,…::message`, properties without a value left out (as the toolkit writes them). */
export function workflowCommand(
  name: string,
  properties: Readonly<Record<string, string | null | undefined>>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(",");
  return `::${name}${props === "" ? "" : ` ${props}`}::${escapeData(message)}`;
}

/**
 * GitHub Actions annotations for the audits in `records` (just `auditId`'s
 * when given): an `::error` per failing check (its exit code, attempts and
 * the end of its output), an `::error` per failed phase that has no failing
 * check (its error), a `::warning` per flaky check. Stored text has its
 * terminal controls stripped. Nothing when nothing failed.
 */
export function formatGithubAnnotations(records: readonly EventRecord[], auditId?: string): string {
  const lines = auditSummaries(records, auditId).flatMap(auditAnnotations);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function auditAnnotations(summary: AuditSummary): string[] {
  const file = (check: CheckSummary) =>
    summary.phases.find((phase) => phase.phase === check.phase)?.file || null;
  const lines = summary.failingChecks.map((check) => {
    const tail = check.last.output
      ? outputTail(check.last.output, OUTPUT_TAIL_LINES, OUTPUT_TAIL_BYTES).text
      : "";
    const message = `${oneLine(check.command)}: ${checkFailure(check)}`;
    return workflowCommand(
      "error",
      { title: checkTitle(check), file: file(check) },
      tail === "" ? message : `${message}\n${tail}`,
    );
  });
  for (const phase of summary.phases) {
    if (phase.status !== "failed" || phase.checks.some((c) => c.result === "failed")) continue;
    const title = `Phase ${phase.phase}${phase.title ? `: ${oneLine(phase.title)}` : ""} failed`;
    const error = phase.error === null ? "failed" : oneLine(phase.error);
    lines.push(workflowCommand("error", { title, file: phase.file || null }, error));
  }
  for (const check of summary.flakyChecks) {
    const message = `${oneLine(check.command)}: ${flakyPassage(check)}`;
    lines.push(
      workflowCommand(
        "warning",
        { title: `${checkTitle(check)} (flaky)`, file: file(check) },
        message,
      ),
    );
  }
  return lines;
}

function checkTitle(check: CheckSummary): string {
  return `Phase ${check.phase}: ${oneLine(check.command)}`;
}
