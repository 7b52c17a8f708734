import type { Event } from "@phaser/events-core";
import { cliIo, usesProcessStreams } from "../io/cli-io.js";
import { pc } from "./colors.js";
import { displayWidth, fitWidth } from "./display-width.js";
import { jsonLine } from "./json-line.js";
import { formatProgress } from "./progress.js";
import { guardLine } from "./terminal-output.js";
import { shown } from "./text.js";

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const FRAME_MS = 100;
/** Erase the current terminal line and return to its start. */
const CLEAR_LINE = "\r\x1b[2K";

export interface ProgressOptions {
  /** A terminal: one live line for the running phase, with a spinner and the time so far. */
  readonly live: boolean;
  /** Machine output: each event as one JSON line (NDJSON). */
  readonly json: boolean;
  /** Default: stdout. */
  readonly write?: (text: string) => void;
  /**
   * The terminal's width, read at every frame (so a resized terminal is
   * followed). Default: stdout's columns, on a terminal.
   */
  readonly columns?: () => number | undefined;
}

/** Shows an audit's events as they are emitted; `stop()` ends the live line. */
export interface Progress {
  readonly onEvent: (event: Event) => void;
  stop(): void;
}

/**
 * Progress for `run` and `demo`. Each event is one line (or one JSON line with
 * `--json`). On a terminal, the running phase also has a live line below them
 * that redraws in place (`⠹ phase 2 Build  4.1s`), cut to the terminal's
 * width so that it never wraps (a wrapped line cannot be erased in place, and
 * every frame would leave one behind); it is erased when the phase ends. What
 * stays on the screen is what a pipe gets, with commands and output cut to
 * the terminal's width.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stdout = cliIo().stdout;
  const write = options.write ?? ((text: string) => stdout.write(text));
  if (options.json) return { onEvent: (event) => write(jsonLine(event.toDict())), stop: () => {} };
  const columns = options.columns ?? (() => stdout.columns);
  // Redrawn at once when the process's own terminal is resized.
  const resizes = options.write === undefined && usesProcessStreams();
  const print = (event: Event, width: number | undefined) => {
    for (const line of formatProgress(event, { width })) write(`${guardLine(line)}\n`);
  };
  if (!options.live) return { onEvent: (event) => print(event, undefined), stop: () => {} };

  let running: { label: string; started: number } | undefined;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    if (running === undefined) return;
    const seconds = `${((Date.now() - running.started) / 1000).toFixed(1)}s`;
    const spinner = SPINNER[frame++ % SPINNER.length] as string;
    // One column short of the width: some terminals wrap as soon as the last column is written.
    const room = (columns() || 80) - 1 - displayWidth(`  ${spinner}   ${seconds}`);
    const label = fitWidth(running.label, Math.max(room, 0));
    const line = room < 1 ? "" : `  ${pc().cyan(spinner)} ${label}  ${pc().dim(seconds)}`;
    write(`${CLEAR_LINE}${guardLine(line)}`);
  };
  const onResize = () => draw();
  const stopTimer = () => {
    clearInterval(timer);
    timer = undefined;
    if (resizes) process.stdout.off("resize", onResize);
  };
  const stop = () => {
    stopTimer();
    if (running !== undefined) write(CLEAR_LINE);
    running = undefined;
  };
  return {
    onEvent(event) {
      if (running !== undefined) write(CLEAR_LINE);
      print(event, columns() || undefined);
      if (event.type === "phase_started") {
        const title = typeof event.data.description === "string" ? event.data.description : "";
        running = { label: `phase ${event.phase} ${shown(title)}`, started: Date.now() };
        if (timer === undefined) {
          timer = setInterval(draw, FRAME_MS);
          if (resizes) process.stdout.on("resize", onResize);
        }
      } else if (event.type === "phase_completed" || event.type === "phase_failed") {
        running = undefined;
        stopTimer();
      }
      draw();
    },
    stop,
  };
}
