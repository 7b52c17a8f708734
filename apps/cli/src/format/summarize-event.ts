import type { JsonObject } from "@phaser/events-core";
import { displayWidth, fitWidth } from "./display-width.js";
import { printableLines } from "./printable.js";
import { field, formatBytes, formatSeconds, plural, shown, truncate } from "./text.js";

/** Where no terminal says how wide a line may be (a pipe, a file, CI): commands cut here. */
const COMMAND_WIDTH = 72;
/** The fewest columns a command is cut to, however narrow the terminal. */
const MIN_COMMAND_WIDTH = 10;

export interface SummaryOptions {
  /**
   * The columns the summary has on a terminal line: the command of a
   * verification, or the error of a failed phase, is cut so that the rest of
   * the summary still fits. Without it a command is cut at 72 columns.
   */
  readonly width?: number | undefined;
}

/** The key facts of an event's payload on one line, e.g. `0.081s · 1 created, 0 modified · 1 verification`. */
export function summarizeEvent(
  type: string,
  data: JsonObject,
  options: SummaryOptions = {},
): string {
  /** `head` cut so that `head + rest` fits the width; `fallback` columns without one. */
  const fit = (head: string, rest: string, fallback: number) =>
    `${truncate(head, options.width === undefined ? fallback : Math.max(MIN_COMMAND_WIDTH, options.width - displayWidth(rest)))}${rest}`;
  const command = (rest: string) =>
    fit(
      typeof data.command === "string" ? data.command : field(data, "command"),
      rest,
      COMMAND_WIDTH,
    );
  switch (type) {
    case "audit_started": {
      const git =
        typeof data.git_branch === "string" && typeof data.git_commit === "string"
          ? ` · ${field(data, "git_branch")}@${shown(data.git_commit.slice(0, 9))}`
          : "";
      return `${field(data, "project")} · ${field(data, "slug")} · ${plural(data.phases_total, "phase")}${git}`;
    }
    case "audit_completed":
      return [
        formatSeconds(data.duration_seconds),
        `${field(data, "phases_completed")} completed, ${field(data, "phases_skipped")} skipped`,
        `files: ${field(data, "files_created")} created, ${field(data, "files_modified")} modified, ${field(data, "files_deleted")} deleted`,
      ].join(" · ");
    case "audit_abandoned":
      return `reason ${field(data, "reason")} · ${field(data, "phases_completed")} completed, ${field(data, "phases_remaining")} remaining`;
    case "phase_started":
      return data.file === ""
        ? field(data, "description")
        : `${field(data, "description")} (${field(data, "file")})`;
    case "phase_completed":
      return [
        formatSeconds(data.duration_seconds),
        `files: ${field(data, "files_created")} created, ${field(data, "files_modified")} modified`,
        plural(data.verification_count, "verification"),
      ].join(" · ");
    case "phase_failed": {
      // The first line of the error; the lines after it (a command's output) are failureOutput's.
      const error = typeof data.error === "string" ? (data.error.split(/\r?\n/)[0] ?? "") : "?";
      const rest = ` · ${plural(data.attempts, "attempt")} · ${formatSeconds(data.duration_seconds)}`;
      return fit(error, rest, Number.POSITIVE_INFINITY);
    }
    case "phase_skipped":
      return `reason ${field(data, "reason")}`;
    case "verification_passed":
      return command(` · exit 0 · ${field(data, "duration_ms")} ms`);
    case "verification_failed":
      return command(` · exit ${field(data, "exit_code")} · ${field(data, "duration_ms")} ms`);
    case "file_created":
      return `${field(data, "path")} (${formatBytes(data.size_bytes)})`;
    case "file_modified":
      return `${field(data, "path")} (+${field(data, "lines_added")} −${field(data, "lines_removed")} lines, ${formatBytes(data.size_bytes)})`;
    case "file_deleted":
      return field(data, "path");
    default:
      return truncate(JSON.stringify(data), 100);
  }
}

/**
 * The output a failure carries, line by line and printable (its last `max`
 * lines, each cut to `width` columns, 100 without one): a failed
 * verification's `output`, or the lines of a failed phase's `error` after its
 * first (the summary shows that one).
 */
export function failureOutput(
  type: string,
  data: JsonObject,
  max = 5,
  width: number | undefined = undefined,
): string[] {
  const lines = outputLines(type, data);
  if (lines.length === 0) return [];
  // The last lines: where test runners and compilers print the cause of a failure.
  const shown = lines.slice(-max).map((line) => fitWidth(line, width ?? 100));
  if (lines.length > max) shown.unshift(`… ${lines.length - max} earlier lines`);
  return shown;
}

function outputLines(type: string, data: JsonObject): string[] {
  if (type === "verification_failed" && typeof data.output === "string" && data.output !== "") {
    return printableLines(data.output.replace(/\r?\n$/, ""));
  }
  if (type === "phase_failed" && typeof data.error === "string") {
    return printableLines(data.error.replace(/\r?\n$/, "")).slice(1);
  }
  return [];
}
