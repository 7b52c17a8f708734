import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { StorageError } from "@phaser/events-core";
import lockfile from "proper-lockfile";

/** A lock not refreshed for this long (its holder was killed) is taken over. Default of `staleLockMs`. */
export const STALE_LOCK_MS = 4000;

/** How long a writer waits for a live holder before giving up. */
export const LOCK_WAIT_MS = 60_000;

let keepsSigxfsz = false;

/**
 * Hitting the file-size limit (`ulimit -f`) raises SIGXFSZ, whose default
 * action kills the process; signal-exit (pulled in by proper-lockfile) even
 * re-raises it when it is the only listener. With a listener of our own the
 * signal is ignored and the write fails with EFBIG, which becomes a
 * StorageError like any other write failure.
 */
function keepSigxfszAnError(): void {
  if (keepsSigxfsz || process.platform === "win32") return;
  keepsSigxfsz = true;
  process.on("SIGXFSZ", () => {});
}

/**
 * Runs `task` while holding the inter-process lock of `path` (a `path.lock`
 * directory, proper-lockfile's scheme), creating the folder (mode 0700) when it is missing.
 * A lock left by a killed process is taken over after {@link STALE_LOCK_MS}.
 */
export async function withFileLock<T>(
  path: string,
  task: () => Promise<T>,
  staleMs = STALE_LOCK_MS,
): Promise<T> {
  keepSigxfszAnError();
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await acquire(path, {
      realpath: false,
      stale: Math.max(2000, staleMs),
      update: 1000,
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    throw new StorageError(
      `Could not lock events file ${path}: ${(error as Error).message}. Another process may be holding ${path}.lock.`,
      { cause: error, path, store: "json" },
    );
  }
  try {
    const result = await task();
    if (compromised !== undefined) {
      throw new StorageError(
        `The lock on events file ${path} was lost while writing: ${compromised.message}`,
        { cause: compromised, path, store: "json" },
      );
    }
    return result;
  } finally {
    await release().catch(() => {});
  }
}

/** Waits for a live holder for up to {@link LOCK_WAIT_MS}, polling every few ms. */
const WAIT_FOR_HOLDER = {
  retries: Math.ceil(LOCK_WAIT_MS / 50),
  factor: 1.3,
  minTimeout: 2,
  maxTimeout: 50,
  randomize: true,
};

/**
 * Takes the lock. The first try does not wait (most writes find the lock
 * free, and building the retry schedule costs more than the lock itself);
 * a missing folder is created (mode 0700) and a held lock is waited for.
 */
async function acquire(path: string, options: lockfile.LockOptions): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(path, { ...options, retries: 0 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    else if (code !== "ELOCKED") throw error;
    return lockfile.lock(path, { ...options, retries: WAIT_FOR_HOLDER });
  }
}
