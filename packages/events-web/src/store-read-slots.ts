/**
 * How many reads of the store from an old position (a stream catching up, a
 * poll of `/api/events` the recent ring does not cover) run at once. Each is
 * a watch of its own that reads the store after the position: on a JSON store,
 * a parse of the file. More clients than this wait their turn, so a crowd of
 * them costs the server time, not memory and CPU all at once.
 */
export const STORE_READ_SLOTS = 2;

/** Turns to read the store, handed out first come, first served. */
export class StoreReadSlots {
  readonly #limit: number;
  #inUse = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit = STORE_READ_SLOTS) {
    this.#limit = limit;
  }

  /**
   * Resolves with the function that gives the slot back (once; later calls do
   * nothing), or with undefined when `signal` aborts first: a client that
   * left while it waited costs no read.
   */
  async acquire(signal: AbortSignal): Promise<(() => void) | undefined> {
    if (signal.aborted) return undefined;
    if (this.#inUse < this.#limit) {
      this.#inUse += 1;
      return this.#release();
    }
    const granted = await new Promise<boolean>((resolve) => {
      const grant = () => {
        signal.removeEventListener("abort", leave);
        resolve(true);
      };
      const leave = () => {
        const at = this.#waiting.indexOf(grant);
        if (at >= 0) this.#waiting.splice(at, 1);
        resolve(false);
      };
      this.#waiting.push(grant);
      signal.addEventListener("abort", leave, { once: true });
    });
    // A granted slot was handed over as is (`#inUse` unchanged).
    return granted ? this.#release() : undefined;
  }

  #release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next === undefined) this.#inUse -= 1;
      else next();
    };
  }
}
