import type { EventStorage } from "@phaser/events-core";
import { StoreFollower, type StoreFollowerOptions } from "./store-follower.js";

export interface CurrentFollowerOptions extends Omit<StoreFollowerOptions, "onReset" | "signal"> {
  /** Ends every start (the server's close). */
  readonly signal: AbortSignal;
  /** Told of each follower started after the store was replaced, once it holds the new store. */
  readonly onReplaced: (follower: StoreFollower) => void;
}

/**
 * The server's follower, started again when the store is replaced under its
 * watch (a JSON file deleted and made anew, or swapped for another: the
 * store's positions went back, `WatchResetError`). Its rows, ring and
 * position describe a store that is gone and cannot be brought up to date
 * record by record: a new follower loads the new store, then takes its place,
 * and the old one stops. A start that fails (the new file cannot be read
 * yet) is reported and tried again after `recheckMs`.
 */
export class CurrentFollower {
  readonly #storage: EventStorage;
  readonly #options: CurrentFollowerOptions;
  #follower: StoreFollower;
  #restarting: Promise<void> | undefined;
  #again = false;

  private constructor(
    storage: EventStorage,
    options: CurrentFollowerOptions,
    first: StoreFollower,
  ) {
    this.#storage = storage;
    this.#options = options;
    this.#follower = first;
  }

  /** Loads the store; a replacement seen during the load starts another at once. */
  static async start(
    storage: EventStorage,
    options: CurrentFollowerOptions,
  ): Promise<CurrentFollower> {
    let current: CurrentFollower | undefined;
    let replacedEarly = false;
    const first = await StoreFollower.start(storage, {
      ...options,
      onReset: () => {
        if (current === undefined) replacedEarly = true;
        else current.#restart();
      },
    });
    current = new CurrentFollower(storage, options, first);
    if (replacedEarly) current.#restart();
    return current;
  }

  /** The follower of the store as it is now. */
  get follower(): StoreFollower {
    return this.#follower;
  }

  /** Stops the follower, and a start in progress. */
  async stop(): Promise<void> {
    await this.#restarting?.catch(() => {});
    await this.#follower.stop();
  }

  #followerOptions(): StoreFollowerOptions {
    return { ...this.#options, onReset: () => this.#restart() };
  }

  #restart(): void {
    if (this.#restarting !== undefined) {
      this.#again = true;
      return;
    }
    this.#restarting = this.#restartLoop().finally(() => {
      this.#restarting = undefined;
    });
  }

  async #restartLoop(): Promise<void> {
    const { signal, onError, recheckMs } = this.#options;
    do {
      this.#again = false;
      if (signal.aborted) return;
      try {
        const next = await StoreFollower.start(this.#storage, this.#followerOptions());
        const old = this.#follower;
        this.#follower = next;
        this.#options.onReplaced(next);
        await old.stop();
      } catch (error) {
        if (signal.aborted) return;
        onError(error instanceof Error ? error : new Error(String(error)));
        await waitUnlessAborted(recheckMs, signal);
        this.#again = true;
      }
    } while (this.#again);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
