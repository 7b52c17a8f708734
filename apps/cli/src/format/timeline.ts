import type { Event } from "@phaser/events-core";
import { pc } from "./colors.js";
import { failureOutput, summarizeEvent } from "./summarize-event.js";
import { shown } from "./text.js";
import { paintFor } from "./type-style.js";

const TYPE_WIDTH = "verification_passed".length;
/** Columns before the summary: time (9), phase (3) and type, with their spaces. */
const PREFIX_WIDTH = 2 + 9 + 2 + 3 + 2 + TYPE_WIDTH + 2;

/** `+1.234s`: time since the audit's first event. */
function relative(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`;
}

export interface TimelineOptions {
  /** The terminal's columns: commands and output are cut to fit. None: a pipe or a file. */
  readonly width?: number | undefined;
}

/**
 * Returns a formatter for the events of one audit, given in order: each event
 * becomes a line with its time relative to the first event, its phase, its
 * type and its key payload, plus the output of failures.
 */
export function createTimeline(options: TimelineOptions = {}): (event: Event) => string[] {
  const { width } = options;
  let start: number | undefined;
  return (event) => {
    const at = Date.parse(event.timestamp);
    start ??= at;
    const phase = event.phase === null ? "  -" : `p${event.phase}`.padStart(3);
    const type = paintFor(event.type)(shown(event.type).padEnd(TYPE_WIDTH));
    const summary = summarizeEvent(event.type, event.data, {
      width: width === undefined ? undefined : width - PREFIX_WIDTH,
    });
    const lines = [
      `  ${pc().dim(relative(at - start).padStart(9))}  ${phase}  ${type}  ${summary}`,
    ];
    const gutter = " ".repeat(2 + 9 + 2 + 3 + 2);
    const outputWidth = width === undefined ? undefined : width - gutter.length - 2;
    for (const line of failureOutput(event.type, event.data, 5, outputWidth))
      lines.push(`${gutter}${pc().dim(`│ ${line}`)}`);
    return lines;
  };
}
