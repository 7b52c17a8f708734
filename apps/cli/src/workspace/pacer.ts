import { performance } from "node:perf_hooks";

/**
 * Units of work (a line hashed, a diagonal step of the diff, a byte read / 64)
 * after which a long computation yields to the event loop. About a million
 * cheap steps is a few milliseconds, far under the 50 ms a signal handler or a
 * timer may wait; counting work (not only time) makes the yields deterministic.
 */
export const PACER_SLICE = 1 << 20;

/** Yields also once this many milliseconds passed since the last yield, whatever the count. */
const MAX_SLICE_MS = 15;

/**
 * Keeps a long asynchronous computation responsive: {@link Pacer.step} counts
 * work, yields to the event loop (`setImmediate`, so I/O and signal handlers
 * run) when a slice is used up, and rejects with the signal's reason (an
 * `AbortError` `DOMException` unless the caller gave another) once the signal
 * aborts.
 */
export class Pacer {
  readonly #signal: AbortSignal | undefined;
  readonly #slice: number;
  #units = 0;
  #since = performance.now();

  constructor(signal?: AbortSignal | undefined, slice = PACER_SLICE) {
    this.#signal = signal;
    this.#slice = slice;
    signal?.throwIfAborted();
  }

  /** Counts `units` of work done; resolves after a yield when a slice is used up. */
  async step(units: number): Promise<void> {
    this.#signal?.throwIfAborted();
    this.#units += units;
    if (this.#units < this.#slice && performance.now() - this.#since < MAX_SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#units = 0;
    this.#since = performance.now();
    this.#signal?.throwIfAborted();
  }

  /** Rejects at once if the signal aborted. */
  check(): void {
    this.#signal?.throwIfAborted();
  }
}
