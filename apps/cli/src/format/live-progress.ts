import type { Event } from "@phaser/events-core";
import { pc } from "./colors.js";
import { formatProgress } from "./progress.js";

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const FRAME_MS = 100;
/** Erase the current terminal line and return to its start. */
const CLEAR_LINE = "\r\x1b[2K";

export interface ProgressOptions {
  /** A terminal: one live line per running phase, with a spinner and the time so far. */
  readonly live: boolean;
  /** Machine output: each event as one JSON line (NDJSON). */
  readonly json: boolean;
  readonly write?: (text: string) => void;
}

/** Shows an audit's events as they are emitted; `stop()` ends the live line. */
export interface Progress {
  readonly onEvent: (event: Event) => void;
  stop(): void;
}

/**
 * Progress for `run` and `demo`. On a terminal the running phase is one line
 * that redraws in place (`⠹ phase 2 Build  4.1s`); the events of the phase
 * print above it and it turns into the phase's result line when the phase
 * ends. Elsewhere (a pipe, a file, CI) each event is one plain line, or one
 * JSON line with `--json`.
 */
export function createProgress(options: ProgressOptions): Progress {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  if (options.json) {
    return { onEvent: (event) => write(`${JSON.stringify(event.toDict())}\n`), stop: () => {} };
  }
  const print = (event: Event) => {
    for (const line of formatProgress(event)) write(`${line}\n`);
  };
  if (!options.live) return { onEvent: print, stop: () => {} };

  let running: { label: string; started: number } | undefined;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    if (running === undefined) return;
    const seconds = ((Date.now() - running.started) / 1000).toFixed(1);
    const spinner = pc.cyan(SPINNER[frame++ % SPINNER.length] as string);
    write(`${CLEAR_LINE}  ${spinner} ${running.label}  ${pc.dim(`${seconds}s`)}`);
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    if (running !== undefined) write(CLEAR_LINE);
    running = undefined;
  };
  return {
    onEvent(event) {
      if (running !== undefined) write(CLEAR_LINE);
      if (event.type === "phase_started") {
        const title = typeof event.data.description === "string" ? event.data.description : "";
        running = { label: `phase ${event.phase} ${title}`, started: Date.now() };
        timer ??= setInterval(draw, FRAME_MS);
        draw();
        return;
      }
      if (event.type === "phase_completed" || event.type === "phase_failed") stop();
      print(event);
      draw();
    },
    stop,
  };
}
