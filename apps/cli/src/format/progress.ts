import type { Event } from "@phaser/events-core";
import { pc } from "./colors.js";
import { displayWidth } from "./display-width.js";
import { failureOutput, summarizeEvent } from "./summarize-event.js";
import { shortId, shown } from "./text.js";
import { iconFor, paintFor } from "./type-style.js";

/** How far a line is indented: audits at the margin, phases under them, their details further in. */
function indentFor(type: string): string {
  if (type.startsWith("audit_")) return "";
  if (type.startsWith("phase_")) return "  ";
  return "    ";
}

function labelFor(event: Event): string {
  const verb = shown(event.type.slice(event.type.indexOf("_") + 1));
  // The audit's last line is its outcome: with the full id, to paste into `replay` or `export`.
  if (event.type === "audit_completed" || event.type === "audit_abandoned") {
    return `audit ${shown(event.auditId)} ${verb}`;
  }
  if (event.type.startsWith("audit_")) return `audit ${shortId(event.auditId)} ${verb}`;
  if (event.type.startsWith("phase_")) return `phase ${event.phase} ${verb}`;
  return event.type.startsWith("verification_") ? `verification ${verb}` : `file ${verb}`;
}

export interface ProgressLineOptions {
  /** The terminal's columns: commands and failure output are cut to fit. None: a pipe or a file. */
  readonly width?: number | undefined;
}

/** The progress lines for one event, as `run` and `demo` print them while an audit runs. */
export function formatProgress(event: Event, options: ProgressLineOptions = {}): string[] {
  const { width } = options;
  const indent = indentFor(event.type);
  const paint = paintFor(event.type);
  const icon = iconFor(event.type);
  const label = labelFor(event);
  const used = displayWidth(`${indent}${icon} ${label}  `);
  const summary = summarizeEvent(event.type, event.data, {
    width: width === undefined ? undefined : width - used,
  });
  const lines = [`${indent}${paint(icon)} ${paint(label)}  ${summary}`];
  const gutter = `${indent}    `;
  const outputWidth = width === undefined ? undefined : width - displayWidth(`${gutter}│ `);
  for (const line of failureOutput(event.type, event.data, 3, outputWidth)) {
    lines.push(`${gutter}${pc().dim(`│ ${line}`)}`);
  }
  return lines;
}
