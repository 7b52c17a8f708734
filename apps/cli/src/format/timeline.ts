import type { Event } from "@phaser/events-core";
import { pc } from "./colors.js";
import { failureOutput, summarizeEvent } from "./summarize-event.js";
import { paintFor } from "./type-style.js";

const TYPE_WIDTH = "verification_passed".length;

/** `+1.234s`: time since the audit's first event. */
function relative(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`;
}

/**
 * Returns a formatter for the events of one audit, given in order: each event
 * becomes a line with its time relative to the first event, its phase, its
 * type and its key payload, plus the output of failed verifications.
 */
export function createTimeline(): (event: Event) => string[] {
  let start: number | undefined;
  return (event) => {
    const at = Date.parse(event.timestamp);
    start ??= at;
    const phase = event.phase === null ? "  -" : `p${event.phase}`.padStart(3);
    const type = paintFor(event.type)(event.type.padEnd(TYPE_WIDTH));
    const lines = [
      `  ${pc.dim(relative(at - start).padStart(9))}  ${phase}  ${type}  ${summarizeEvent(event.type, event.data)}`,
    ];
    const gutter = " ".repeat(2 + 9 + 2 + 3 + 2);
    for (const line of failureOutput(event.type, event.data))
      lines.push(`${gutter}${pc.dim(`│ ${line}`)}`);
    return lines;
  };
}
