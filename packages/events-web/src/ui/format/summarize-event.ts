import type { JsonObject } from "@phaser/events-core";
import { formatDuration } from "./time.js";

/** A payload field as text: `?` when missing. */
function field(data: JsonObject, name: string): string {
  const value = data[name];
  return value === undefined || value === null
    ? "?"
    : typeof value === "string"
      ? value
      : JSON.stringify(value);
}

function seconds(data: JsonObject, name: string): string {
  const value = data[name];
  return typeof value === "number" ? formatDuration(value * 1000) : "?";
}

function plural(value: unknown, noun: string): string {
  return typeof value === "number" ? `${value} ${noun}${value === 1 ? "" : "s"}` : `? ${noun}s`;
}

/** The key facts of an event's payload on one line, as the CLI's replay shows them. */
export function summarizeEvent(type: string, data: JsonObject): string {
  switch (type) {
    case "audit_started":
      return `${field(data, "project")} · ${field(data, "slug")} · ${plural(data.phases_total, "phase")}`;
    case "audit_completed":
      return `${seconds(data, "duration_seconds")} · ${field(data, "phases_completed")} completed, ${field(data, "phases_skipped")} skipped`;
    case "audit_abandoned":
      return `reason ${field(data, "reason")} · ${field(data, "phases_completed")} completed, ${field(data, "phases_remaining")} remaining`;
    case "phase_started":
      return field(data, "description");
    case "phase_completed":
      return `${seconds(data, "duration_seconds")} · ${plural(data.verification_count, "verification")}`;
    case "phase_failed": {
      // Its first line, found without splitting the whole of a 10 MB error into lines.
      const error =
        typeof data.error === "string" ? (/^[^\r\n]*/.exec(data.error)?.[0] ?? "") : "?";
      return `${error} · ${plural(data.attempts, "attempt")}`;
    }
    case "phase_skipped":
      return `reason ${field(data, "reason")}`;
    case "verification_passed":
    case "verification_failed":
      return `${field(data, "command")} · exit ${field(data, "exit_code")} · ${field(data, "duration_ms")} ms`;
    case "file_created":
      return field(data, "path");
    case "file_modified":
      return `${field(data, "path")} (+${field(data, "lines_added")} −${field(data, "lines_removed")})`;
    case "file_deleted":
      return field(data, "path");
    default: {
      const json = JSON.stringify(data);
      return json.length > 120 ? `${json.slice(0, 119)}…` : json;
    }
  }
}
