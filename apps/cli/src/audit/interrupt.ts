import { constants } from "node:os";
import { cliIo } from "../io/cli-io.js";
import { killRunningTreesSync } from "./process-tree.js";

/** Exit code after Ctrl-C (SIGINT), by shell convention 128 + 2. */
export const EXIT_INTERRUPTED = 130;

/** The signals that stop a run: Ctrl-C, `kill`, a closed terminal or ssh session, Ctrl-\. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"];

/**
 * How long after the first signal the process exits even if the audit's end
 * is not recorded yet (a store that does not answer): within the 2 s promised.
 */
const DEADLINE_MS = 1800;

/** What a task learns of the signals received while it runs. */
export interface Interrupts {
  /** Aborts at the first signal: stop the running command, record the audit's end. */
  readonly signal: AbortSignal;
  /** Aborts at the second: SIGKILL the running command now. */
  readonly killSignal: AbortSignal;
}

/**
 * Runs `task`, turning each of {@link STOP_SIGNALS} into an interrupt: the
 * first aborts `signal` (the task stops its command and records how the audit
 * ended), the second aborts `killSignal`, a third exits at once. Whatever the
 * task is doing, the process exits {@link DEADLINE_MS} after the first signal,
 * killing what is still running; `onDeadline` runs first (synchronous cleanup).
 */
export async function withInterrupts<T>(
  task: (interrupts: Interrupts) => Promise<T>,
  onDeadline: () => void = () => {},
): Promise<{ result: T; signal: NodeJS.Signals | undefined }> {
  const first = new AbortController();
  const second = new AbortController();
  let received: NodeJS.Signals | undefined;
  let count = 0;
  let deadline: NodeJS.Timeout | undefined;
  const exitNow = (signal: NodeJS.Signals, why: string) => {
    killRunningTreesSync();
    onDeadline();
    cliIo().stderr.write(`phaser-events: ${why}; exiting\n`, () => {});
    process.exit(exitCodeFor(signal));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    count++;
    if (received === undefined) {
      received = signal;
      first.abort();
      deadline = setTimeout(
        () => exitNow(signal, "the audit's end could not be recorded in time"),
        DEADLINE_MS,
      );
    } else if (count === 2) {
      second.abort();
    } else {
      exitNow(received, `${signal} again`);
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const result = await task({ signal: first.signal, killSignal: second.signal });
    return { result, signal: received };
  } finally {
    // Past the task, the deadline still bounds the rest (closing the store), without holding the
    // process open once everything else is done.
    deadline?.unref();
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

/** The exit code for a run stopped by `signal`: 128 + its number (SIGINT 130, SIGTERM 143, SIGHUP 129, SIGQUIT 131). */
export function exitCodeFor(signal: NodeJS.Signals): number {
  const number = constants.signals[signal];
  return number === undefined ? EXIT_INTERRUPTED : 128 + number;
}
