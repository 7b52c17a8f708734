/** Exit code after Ctrl-C (SIGINT), by shell convention 128 + 2. */
export const EXIT_INTERRUPTED = 130;
const EXIT_BY_SIGNAL: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Turns SIGINT and SIGTERM into an abort, for as long as `task` runs. */
export async function withInterrupts<T>(
  task: (signal: AbortSignal) => Promise<T>,
): Promise<{ result: T; signal: NodeJS.Signals | undefined }> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while the audit is being closed: stop at once.
    if (received !== undefined) process.exit(EXIT_BY_SIGNAL[signal] ?? EXIT_INTERRUPTED);
    received = signal;
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return { result: await task(controller.signal), signal: received };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** The exit code for a run stopped by `signal`. */
export function exitCodeFor(signal: NodeJS.Signals): number {
  return EXIT_BY_SIGNAL[signal] ?? EXIT_INTERRUPTED;
}
