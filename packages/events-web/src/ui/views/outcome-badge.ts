import { html } from "../html.js";

const LABELS: Record<string, string> = {
  completed: "completed",
  failed: "failed",
  abandoned: "abandoned",
  in_progress: "in progress",
  running: "running",
  skipped: "skipped",
  passed: "passed",
};

/** An outcome or status as a coloured word (the word carries it; colour only repeats it). */
export function OutcomeBadge({ outcome }: { readonly outcome: string }) {
  return html`<span class=${`badge badge-${outcome}`}>${LABELS[outcome] ?? outcome}</span>`;
}

export function outcomeLabel(outcome: string): string {
  return LABELS[outcome] ?? outcome;
}
