import type { JsonObject } from "@phaser/events-core";
import { field, formatSeconds, plural, truncate } from "./text.js";

const COMMAND_WIDTH = 72;

/** The key facts of an event's payload on one line, e.g. `0.081s · 1 created, 0 modified · 1 verification`. */
export function summarizeEvent(type: string, data: JsonObject): string {
  const command = () => truncate(field(data, "command"), COMMAND_WIDTH);
  switch (type) {
    case "audit_started": {
      const git =
        typeof data.git_branch === "string" && typeof data.git_commit === "string"
          ? ` · ${data.git_branch}@${data.git_commit.slice(0, 9)}`
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
    case "phase_failed":
      // The first line says what failed; the command's output follows (see failureOutput).
      return `${field(data, "error").split("\n", 1)[0]} · ${plural(data.attempts, "attempt")} · ${formatSeconds(data.duration_seconds)}`;
    case "phase_skipped":
      return `reason ${field(data, "reason")}`;
    case "verification_passed":
      return `${command()} · exit 0 · ${field(data, "duration_ms")} ms`;
    case "verification_failed":
      return `${command()} · exit ${field(data, "exit_code")} · ${field(data, "duration_ms")} ms`;
    case "file_created":
      return `${field(data, "path")} (${field(data, "size_bytes")} B)`;
    case "file_modified":
      return `${field(data, "path")} (+${field(data, "lines_added")} −${field(data, "lines_removed")} lines, ${field(data, "size_bytes")} B)`;
    case "file_deleted":
      return field(data, "path");
    default:
      return truncate(JSON.stringify(data), 100);
  }
}

/**
 * The captured output of a failed verification, or the output a `phase_failed`
 * error carries after its first line: its last `max` lines, where tools print
 * the cause of a failure.
 */
export function failureOutput(type: string, data: JsonObject, max = 5): string[] {
  const text =
    type === "verification_failed" && typeof data.output === "string"
      ? data.output
      : type === "phase_failed" && typeof data.error === "string"
        ? data.error.split("\n").slice(1).join("\n")
        : "";
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  const shown = lines.slice(-max).map((line) => truncate(line, 100));
  if (lines.length > max) shown.unshift(`… ${lines.length - max} earlier lines`);
  return shown;
}
