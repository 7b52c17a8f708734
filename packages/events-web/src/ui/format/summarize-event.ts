import type { JsonObject } from "@phaser/events-core";
import { cutText, lineText } from "./cut-text.js";
import { displayText } from "./display-text.js";
import { formatDuration } from "./time.js";

/**
 * A piece of an event's summary: the UI's own words and numbers, or a stored
 * value (`stored: true`, already {@link displayText}). The row puts each
 * stored piece in a `<bdi>` of its own: one element around the whole line
 * let a right-to-left file name (Hebrew, Arabic) carry the `+120 −3` after it
 * into its run, shown as `(3− 120+)`.
 */
export interface SummaryPart {
  readonly text: string;
  readonly stored: boolean;
}

/**
 * A stored payload field, or `?` (the UI's) when missing: one line's worth
 * ({@link lineText}: only its start is cleaned, a 5 MB command costs what
 * 300 characters do).
 */
function field(data: JsonObject, name: string): SummaryPart {
  const value = data[name];
  if (value === undefined || value === null) return { text: "?", stored: false };
  return {
    text: lineText(typeof value === "string" ? value : JSON.stringify(value)),
    stored: true,
  };
}

function seconds(data: JsonObject, name: string): string {
  const value = data[name];
  return typeof value === "number" ? formatDuration(value * 1000) : "?";
}

function plural(value: unknown, noun: string): string {
  return typeof value === "number" ? `${value} ${noun}${value === 1 ? "" : "s"}` : `? ${noun}s`;
}

/** A template's own text and its values (stored parts, or more text of the UI's), in order. */
function parts(strings: TemplateStringsArray, ...values: (SummaryPart | string)[]): SummaryPart[] {
  return strings
    .flatMap((text, i) => {
      const value = values[i];
      const own: SummaryPart = { text, stored: false };
      if (value === undefined) return [own];
      return [own, typeof value === "string" ? { text: value, stored: false } : value];
    })
    .filter((part) => part.text !== "");
}

/** The key facts of an event's payload on one line, as the CLI's replay shows them. */
export function summarizeEvent(type: string, data: JsonObject): SummaryPart[] {
  switch (type) {
    case "audit_started":
      return parts`${field(data, "project")} · ${field(data, "slug")} · ${plural(data.phases_total, "phase")}`;
    case "audit_completed":
      return parts`${seconds(data, "duration_seconds")} · ${field(data, "phases_completed")} completed, ${field(data, "phases_skipped")} skipped`;
    case "audit_abandoned":
      return parts`reason ${field(data, "reason")} · ${field(data, "phases_completed")} completed, ${field(data, "phases_remaining")} remaining`;
    case "phase_started":
      return parts`${field(data, "description")}`;
    case "phase_completed":
      return parts`${seconds(data, "duration_seconds")} · ${plural(data.verification_count, "verification")}`;
    case "phase_failed": {
      // Its first line, found without splitting the whole of a 10 MB error into lines.
      const error =
        typeof data.error === "string"
          ? { text: lineText(/^[^\r\n]*/.exec(data.error)?.[0] ?? ""), stored: true }
          : "?";
      return parts`${error} · ${plural(data.attempts, "attempt")}`;
    }
    case "phase_skipped":
      return parts`reason ${field(data, "reason")}`;
    case "verification_passed":
    case "verification_failed":
      return parts`${field(data, "command")} · exit ${field(data, "exit_code")} · ${field(data, "duration_ms")} ms`;
    case "file_created":
    case "file_deleted":
      return parts`${field(data, "path")}`;
    case "file_modified":
      return parts`${field(data, "path")} (+${field(data, "lines_added")} −${field(data, "lines_removed")})`;
    default: {
      const json = JSON.stringify(data);
      return parts`${{ text: displayText(json.length > 120 ? `${json.slice(0, 119)}…` : json), stored: true }}`;
    }
  }
}

/** `summary` cut to `max` characters (the table's; the detail pane has it whole). */
export function cutSummary(summary: readonly SummaryPart[], max: number): SummaryPart[] {
  const out: SummaryPart[] = [];
  let room = max;
  for (const part of summary) {
    if (room <= 0) break;
    out.push(part.text.length <= room ? part : { ...part, text: cutText(part.text, room).shown });
    room -= part.text.length;
  }
  return out;
}
