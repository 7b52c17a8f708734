import type { AuditSummary, CheckSummary, FileChange, PhaseSummary } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import { formatAge } from "../../format/text.js";
import { auditSummaries, OUTPUT_TAIL_BYTES, OUTPUT_TAIL_LINES } from "./audit-summaries.js";
import { checkFailure, flakyPassage, OUTCOME_ICONS, PHASE_ICONS } from "./check-text.js";
import { codeBlock, htmlText, markdownText, outputTail } from "./markdown-text.js";

/** GitHub's limit for one step's `$GITHUB_STEP_SUMMARY`: 1 MiB. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

export interface MarkdownSummaryOptions {
  /** UTF-8 bytes the summary may take, its truncation note included (default {@link STEP_SUMMARY_LIMIT}). */
  readonly maxBytes?: number;
}

/**
 * A Markdown job summary (GitHub's `$GITHUB_STEP_SUMMARY`, GitLab and
 * Buildkite annotations) of the audits in `records`, just `auditId`'s when
 * given: per audit a heading with its project, slug and outcome, a table of
 * phases, each failing check with the end of its output in a collapsed
 * block, the flaky checks and the files changed. Stored text is escaped
 * (see `markdown-text.ts`). Past `maxBytes` it stops at a whole row or block
 * and says what it left out.
 */
export function formatMarkdownSummary(
  records: readonly EventRecord[],
  auditId?: string,
  options: MarkdownSummaryOptions = {},
): string {
  const units = auditSummaries(records, auditId).flatMap(auditUnits);
  return fit(units, options.maxBytes ?? STEP_SUMMARY_LIMIT);
}

/**
 * The summary of one audit as units: pieces that each end a line and leave
 * the Markdown well formed when the text stops after any of them (a table
 * row, a whole `<details>` block).
 */
function auditUnits(summary: AuditSummary): string[] {
  const { row } = summary;
  const name = [row.project, row.slug].filter((part) => part !== null).map(markdownText);
  const title = name.length === 0 ? `audit ${markdownText(row.auditId)}` : name.join(" › ");
  const checks = summary.failingChecks.length;
  const facts = [
    `Audit ${markdownText(row.auditId)}`,
    `${row.phasesDone} of ${row.phasesTotal ?? summary.phases.length} phases done`,
    `${checks} failing ${checks === 1 ? "check" : "checks"}`,
    `${summary.flakyChecks.length} flaky`,
    ...(row.durationMs === null ? [] : [formatAge(row.durationMs)]),
  ];
  const units = [
    `## ${OUTCOME_ICONS[row.outcome]} ${title}: ${row.outcome.replace("_", " ")}\n\n`,
    `${facts.join(" · ")}\n\n`,
    "| Phase | Status | Duration | Attempts |\n| ---: | --- | ---: | ---: |\n",
    ...summary.phases.map(phaseRow),
  ];
  const failedPhases = summary.phases.filter(
    (p) => p.status === "failed" && !p.checks.some((c) => c.result === "failed"),
  );
  if (checks > 0 || failedPhases.length > 0) {
    units.push("\n### Failing checks\n\n", ...summary.failingChecks.map(failingCheck));
    units.push(...failedPhases.map(failedPhase));
  }
  if (summary.flakyChecks.length > 0) {
    units.push("\n### Flaky checks\n\n", ...summary.flakyChecks.map(flakyCheck));
  }
  if (summary.files.length > 0) {
    units.push(
      "\n### Files changed\n\n",
      "| File | Phase | Change | + | − |\n| --- | ---: | --- | ---: | ---: |\n",
    );
    units.push(...summary.files.map(fileRow));
  }
  units.push("\n");
  return units;
}

function phaseName(phase: { phase: number; title: string | null }): string {
  return `${phase.phase}${phase.title ? ` · ${markdownText(phase.title)}` : ""}`;
}

function phaseRow(phase: PhaseSummary): string {
  let status = `${PHASE_ICONS[phase.status]} ${phase.status}`;
  if (phase.flaky) status += " (flaky)";
  if (phase.skipReason !== null) status += `: ${markdownText(phase.skipReason)}`;
  const duration = phase.durationMs === null ? "–" : formatAge(phase.durationMs);
  return `| ${phaseName(phase)} | ${status} | ${duration} | ${phase.attempts} |\n`;
}

/** A failing check: a `<details>` block, its summary HTML-escaped, the end of its output verbatim. */
function failingCheck(check: CheckSummary): string {
  const head = `Phase ${check.phase} · ${htmlText(check.command)} · ${checkFailure(check)}`;
  const output = check.last.output ?? "";
  const tail = outputTail(output, OUTPUT_TAIL_LINES, OUTPUT_TAIL_BYTES);
  const note =
    tail.text === ""
      ? "No output was recorded.\n\n"
      : tail.complete
        ? ""
        : `The end of its output (${tail.shownLines} of ${tail.totalLines} lines):\n\n`;
  const block = tail.text === "" ? "" : `${codeBlock(tail.text)}\n`;
  return `<details><summary>${head}</summary>\n\n${note}${block}</details>\n\n`;
}

function failedPhase(phase: PhaseSummary): string {
  const error = phase.error === null ? "" : `: ${markdownText(phase.error)}`;
  return `- Phase ${phaseName(phase)} failed${error}\n`;
}

function flakyCheck(check: CheckSummary): string {
  return `- Phase ${check.phase} · ${markdownText(check.command)}: ${flakyPassage(check)}\n`;
}

function fileRow(file: FileChange): string {
  const count = (n: number | null) => (n === null ? "" : String(n));
  return `| ${markdownText(file.path)} | ${file.phase} | ${file.change} | ${count(file.linesAdded)} | ${count(file.linesRemoved)} |\n`;
}

/** The units whole while they fit in `maxBytes`; else as many as fit with the note, then the note. */
function fit(units: readonly string[], maxBytes: number): string {
  const sizes = units.map((unit) => Buffer.byteLength(unit));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= maxBytes) return units.join("");
  const note = (left: number) =>
    `\n> [!WARNING]\n> Summary cut to ${maxBytes} bytes (GitHub takes at most 1 MiB per step): ${left} more rows and blocks left out. \`phaser-events export --format html\` shows everything.\n`;
  let used = Buffer.byteLength(note(units.length));
  let kept = 0;
  while (kept < units.length && used + (sizes[kept] as number) <= maxBytes) {
    used += sizes[kept] as number;
    kept++;
  }
  return units.slice(0, kept).join("") + note(units.length - kept);
}
