import { setTimeout as sleep } from "node:timers/promises";

/** Runs a full garbage collection when the process was started with `--expose-gc`. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Milliseconds, high resolution. */
export function now(): number {
  return performance.now();
}

/** Times one async call, in milliseconds. */
export async function timeAsync(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

export { sleep };
