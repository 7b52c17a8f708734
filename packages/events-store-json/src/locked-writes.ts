import { resolveEventsPath } from "./file-identity.js";
import { acquireLock, type HeldLock } from "./file-lock.js";
import { keepSigxfszAnError } from "./sigxfsz.js";
import { removeOrphanTempFiles } from "./temp-files.js";
import { wrapFsError } from "./wrap-fs-error.js";

/**
 * The write side of one store: runs each task under the inter-process lock
 * of the real events file. Temp files that killed writers left are removed
 * the first time, and after taking a dead writer's lock over: not on every
 * append. Failures come out as the store's errors, naming `path`.
 */
export class LockedWrites {
  readonly #path: string;
  readonly #timeoutMs: number;
  #sweptTemps = false;

  constructor(path: string, timeoutMs: number) {
    this.#path = path;
    this.#timeoutMs = timeoutMs;
  }

  async run<T>(task: (lock: HeldLock) => Promise<T>): Promise<T> {
    keepSigxfszAnError();
    let lock: HeldLock;
    try {
      lock = await acquireLock(resolveEventsPath(this.#path), this.#timeoutMs);
    } catch (error) {
      throw wrapFsError(error, "write", this.#path);
    }
    try {
      if (!this.#sweptTemps || lock.tookOver) {
        await removeOrphanTempFiles(lock.path);
        this.#sweptTemps = true;
      }
      return await task(lock);
    } catch (error) {
      throw wrapFsError(error, "write", this.#path);
    } finally {
      lock.release();
    }
  }
}
