import { expect, vi } from "vitest";

/** Everything a user or a log could see of an error. */
export function everyRendering(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return [
    String(error),
    (error as Error).message,
    (error as Error).stack,
    JSON.stringify(error),
    JSON.stringify({ ...(error as object) }),
    String(cause),
    (cause as Error | undefined)?.stack,
    JSON.stringify(cause),
  ].join("\n");
}

/** Checks that neither `secret` nor its percent-encoded form is in `text`. */
export function expectHidden(text: string, secret: string, what: string): void {
  expect(text.includes(secret), `${what} shows the secret`).toBe(false);
  expect(text.includes(encodeURIComponent(secret)), `${what} shows it encoded`).toBe(false);
}

/** Whatever reaches the console or stderr while `run` runs, and the warnings Node emits. */
export async function captureOutput(run: () => Promise<void>): Promise<string> {
  const seen: string[] = [];
  const record = (...args: unknown[]) => {
    seen.push(
      args.map((arg) => (arg instanceof Error ? everyRendering(arg) : String(arg))).join(" "),
    );
  };
  const onWarning = (warning: Error) => record(warning);
  process.on("warning", onWarning);
  const spies = [
    vi.spyOn(console, "log").mockImplementation(record),
    vi.spyOn(console, "info").mockImplementation(record),
    vi.spyOn(console, "warn").mockImplementation(record),
    vi.spyOn(console, "error").mockImplementation(record),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      record(chunk);
      return true;
    }),
  ];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
    process.off("warning", onWarning);
  }
  return seen.join("\n");
}
