import { pc } from "./colors.js";

type Paint = (text: string) => string;

/** The colour of an event type: failures red, successes green, skips yellow, starts cyan. */
export function paintFor(type: string): Paint {
  if (type.endsWith("_failed") || type === "audit_abandoned") return pc().red;
  if (type.endsWith("_completed") || type === "verification_passed") return pc().green;
  if (type.endsWith("_skipped")) return pc().yellow;
  if (type.endsWith("_started")) return pc().cyan;
  if (type.startsWith("file_")) return pc().magenta;
  return (text) => text;
}

const ICONS: Readonly<Record<string, string>> = {
  audit_started: "●",
  audit_completed: "✔",
  audit_abandoned: "✖",
  phase_started: "▸",
  phase_completed: "✓",
  phase_failed: "✗",
  phase_skipped: "↷",
  verification_passed: "✓",
  verification_failed: "✗",
  file_created: "+",
  file_modified: "~",
  file_deleted: "-",
};

/** A one-character symbol for an event type. */
export function iconFor(type: string): string {
  return ICONS[type] ?? "·";
}
