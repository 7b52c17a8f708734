/**
 * Resolves at the first SIGINT or SIGTERM: a command that runs until stopped
 * (`tail --follow`, `serve`) then ends cleanly, with exit code 0.
 */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
