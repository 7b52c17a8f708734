import type {
  FailingCommand,
  Insights,
  ProjectInsights,
  RetriedPhase,
} from "@phaser/events-analysis";
import { pc } from "../format/colors.js";
import { shown, truncate } from "../format/text.js";

/** Widest command or path shown before it is cut with `…` (`--json` keeps them whole). */
const MAX_TEXT = 72;

/** The insights as a report for people: a heading, then a section per project. */
export function formatInsights(insights: Insights): string {
  const window = insights.since === null ? "all time" : `since ${insights.since}`;
  const heading = `Insights: ${plural(insights.audits, "audit")}, ${plural(insights.events, "event")}, ${window}`;
  const sections = insights.projects.map(formatProject);
  return `${[pc().bold(heading), ...sections].join("\n\n")}\n`;
}

function formatProject(project: ProjectInsights): string {
  const { audits, phases, phase_duration_seconds: durations, retries } = project;
  const lines = [
    pc().bold(pc().cyan(shown(project.project))),
    row(
      "Audits",
      `${audits.total}: ${audits.completed} completed, ${audits.abandoned} abandoned, ${audits.in_progress} in progress`,
    ),
    row(
      "Phases",
      `${successRate(phases.success_rate)} success · ${phases.completed} completed, ${phases.failed} failed, ${phases.skipped} skipped`,
    ),
    row(
      "Durations",
      durations.count === 0
        ? "no finished phase"
        : `mean ${seconds(durations.mean)} · p95 ${seconds(durations.p95)} (${plural(durations.count, "phase")})`,
    ),
    row(
      "Retries",
      retries.phases === 0
        ? "no finished phase"
        : `mean ${(retries.mean ?? 0).toFixed(2)} per phase · max ${maxRetries(retries.max)}`,
    ),
    `  ${pc().bold("Most-failing verification commands")}`,
    ...listOrNone(
      project.failing_commands.map(
        (c) => `${pc().red(count(c.failures))}  ${truncate(c.command, MAX_TEXT)}${flakyNote(c)}`,
      ),
      "no failed verification",
    ),
    `  ${pc().bold("Most-changed files")}`,
    ...listOrNone(
      project.changed_files.map(
        (f) =>
          `${pc().magenta(count(f.changes))}  ${truncate(f.path, MAX_TEXT)}  ${pc().green(`+${f.lines_added}`)} ${pc().red(`-${f.lines_removed}`)}`,
      ),
      "no file changes",
    ),
  ];
  return lines.join("\n");
}

/** `  (flaky: passed on retry)` when every failure was cleared by a retry, `  (1 flaky)` for some. */
function flakyNote(command: FailingCommand): string {
  if (command.flaky === 0) return "";
  const text =
    command.flaky === command.failures
      ? "flaky: passed on retry"
      : `${command.flaky} flaky, passed on retry`;
  return `  ${pc().yellow(`(${text})`)}`;
}

function row(label: string, text: string): string {
  return `  ${pc().dim(label.padEnd(10))} ${text}`;
}

function listOrNone(lines: readonly string[], none: string): string[] {
  return lines.length === 0 ? [`    ${pc().dim(none)}`] : lines.map((line) => `    ${line}`);
}

/** `  3×`: a count, right-aligned for columns up to 999. */
function count(value: number): string {
  return `${String(value).padStart(3)}×`;
}

function successRate(rate: number | null): string {
  if (rate === null) return pc().dim("n/a");
  const text = `${(rate * 100).toFixed(1)}%`;
  return rate === 1 ? pc().green(text) : rate >= 0.8 ? pc().yellow(text) : pc().red(text);
}

function seconds(value: number | null): string {
  return value === null ? "?" : `${value.toFixed(3)}s`;
}

function maxRetries(max: RetriedPhase | null): string {
  if (max === null) return "0";
  const where = [shown(max.slug ?? max.audit_id.slice(0, 8)), `phase ${max.phase}`].join(" ");
  const what = max.description === null ? "" : `: ${truncate(max.description, MAX_TEXT)}`;
  return `${max.retries} (${where}${what})`;
}

function plural(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}
