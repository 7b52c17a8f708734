import { lineText } from "../format/cut-text.js";
import { formatDuration, isoTime } from "../format/time.js";
import { outcomeLabel } from "../views/outcome-badge.js";
import type { GanttRow } from "./gantt-rows.js";

/** The row's duration in ms, when it has both ends. */
export function rowDuration(row: GanttRow): number | null {
  if (row.attempt?.durationMs !== undefined && row.attempt.durationMs !== null)
    return row.attempt.durationMs;
  return row.startMs === null || row.endMs === null ? null : row.endMs - row.startMs;
}

/** What a bar says to a screen reader: its label, status and duration. */
export function barLabel(row: GanttRow): string {
  const duration = rowDuration(row);
  return [
    lineText(row.label),
    `${outcomeLabel(row.status)}${row.flaky ? " (flaky)" : ""}`,
    duration === null ? "" : formatDuration(duration),
    row.rollup,
  ]
    .filter((part) => part !== "")
    .join(", ");
}

/** The tooltip's lines: start, end, duration, attempt. */
export function tooltipLines(row: GanttRow): [string, string][] {
  const duration = rowDuration(row);
  const lines: [string, string][] = [
    ["Status", `${outcomeLabel(row.status)}${row.flaky ? " (flaky)" : ""}`],
    ["Start", row.startMs === null ? "—" : isoTime(row.startMs)],
    ["End", row.status === "running" ? "running" : row.endMs === null ? "—" : isoTime(row.endMs)],
    ["Duration", duration === null ? "—" : formatDuration(duration)],
  ];
  if (row.attempt !== undefined) {
    lines.push(["Attempt", String(row.attempt.attempt)]);
    if (row.attempt.exitCode !== null) lines.push(["Exit code", String(row.attempt.exitCode)]);
  } else if (row.rollup !== "") {
    lines.push(["Attempts", row.rollup]);
  }
  return lines;
}
