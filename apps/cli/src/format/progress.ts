import type { Event } from "@phaser/events-core";
import { pc } from "./colors.js";
import { failureOutput, summarizeEvent } from "./summarize-event.js";
import { shortId } from "./text.js";
import { iconFor, paintFor } from "./type-style.js";

/** How far a line is indented: audits at the margin, phases under them, their details further in. */
function indentFor(type: string): string {
  if (type.startsWith("audit_")) return "";
  if (type.startsWith("phase_")) return "  ";
  return "    ";
}

function labelFor(event: Event): string {
  const verb = event.type.slice(event.type.indexOf("_") + 1);
  if (event.type.startsWith("audit_")) return `audit ${shortId(event.auditId)} ${verb}`;
  if (event.type.startsWith("phase_")) return `phase ${event.phase} ${verb}`;
  return event.type.startsWith("verification_") ? `verification ${verb}` : `file ${verb}`;
}

/** The live progress lines for one event, as the demo prints them while an audit runs. */
export function formatProgress(event: Event): string[] {
  const indent = indentFor(event.type);
  const paint = paintFor(event.type);
  const head = `${indent}${paint(iconFor(event.type))} ${paint(labelFor(event))}`;
  const lines = [`${head}  ${summarizeEvent(event.type, event.data)}`];
  for (const line of failureOutput(event.type, event.data, 3)) {
    lines.push(`${indent}    ${pc.dim(`│ ${line}`)}`);
  }
  return lines;
}
