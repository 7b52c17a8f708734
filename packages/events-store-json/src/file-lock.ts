import { randomBytes } from "node:crypto";
import {
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  type Stats,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LockLostError } from "./errors/lock-lost-error.js";
import { LockTimeoutError } from "./errors/lock-timeout-error.js";
import { UnsupportedFileError } from "./errors/unsupported-file-error.js";
import { type LockOwner, type LockState, parseOwner } from "./lock-state.js";
import { currentProcess, livenessOf } from "./process-identity.js";
import { storeFiles } from "./store-files.js";

/** How long a writer waits for a live holder before failing. Default of `lockTimeoutMs`. */
export const LOCK_TIMEOUT_MS = 60_000;
/** A legacy (directory) lock not refreshed for this long was left by a killed writer. */
const LEGACY_STALE_MS = 4_000;

/** The lock while this process holds it. */
export interface HeldLock {
  /** The real events file the lock is of. */
  readonly path: string;
  /** Whether a dead holder's lock was taken over to get it (killed writers may have left temp files). */
  readonly tookOver: boolean;
  /** Throws {@link LockLostError} unless the lock file is still this holding's own. */
  verify(): void;
  /** Removes the lock, if it is still ours. */
  release(): void;
}

/**
 * Takes the write lock of the events file `path`: `path.lock`, a small JSON
 * file naming the holder, created whole by linking a temp file to that name
 * (so no reader ever sees it half-written). A held lock is waited for, for
 * up to `timeoutMs`, and taken over only when its holder is known to be dead
 * (see `livenessOf`): a paused or slow holder keeps it however long.
 */
export async function acquireLock(path: string, timeoutMs: number): Promise<HeldLock> {
  const lockPath = storeFiles.lock(path);
  const token = randomBytes(9).toString("base64url");
  const owner: LockOwner = { ...currentProcess(), token, since: new Date().toISOString() };
  const temp = storeFiles.lockTemp(path, process.pid, token);
  writeNew(temp, `${JSON.stringify(owner)}\n`);
  const deadline = Date.now() + timeoutMs;
  let pause = 1;
  let tookOver = false;
  try {
    for (;;) {
      try {
        linkSync(temp, lockPath);
        return holding(path, lockPath, token, tookOver);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const state = readLock(lockPath);
      if (state.kind === "held" && state.liveness === "dead") {
        takeOver(
          lockPath,
          state.owner.token,
          storeFiles.lockTemp(path, process.pid, `${token}-dead`),
        );
        tookOver = true;
        continue;
      }
      if (state.kind === "legacy" && state.ageMs > LEGACY_STALE_MS) {
        removeLegacy(lockPath);
        tookOver = true;
        continue;
      }
      if (state.kind === "free") continue;
      if (state.kind === "special") throw new UnsupportedFileError(lockPath, state.found);
      if (Date.now() >= deadline) {
        const holder =
          state.kind === "held" ? { pid: state.owner.pid, host: state.owner.host } : null;
        throw new LockTimeoutError(path, lockPath, timeoutMs, holder);
      }
      await sleep(pause);
      pause = Math.min(50, pause * 2);
    }
  } finally {
    tryUnlink(temp);
  }
}

/** Reads and judges the lock file of `lockPath` now. */
export function readLock(lockPath: string): LockState {
  let info: Stats;
  let text: string;
  try {
    info = lstatSync(lockPath);
    if (info.isDirectory()) return { kind: "legacy", ageMs: Date.now() - info.mtimeMs };
    if (!info.isFile()) {
      const found = info.isSymbolicLink() ? "a symlink" : "not a regular file";
      return { kind: "special", found, mtimeMs: info.mtimeMs };
    }
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "free" };
    if (code === "EISDIR") return { kind: "legacy", ageMs: 0 };
    throw error;
  }
  const owner = parseOwner(text);
  if (owner === undefined) {
    return { kind: "foreign", reason: "it does not name a holder", mtimeMs: info.mtimeMs };
  }
  return { kind: "held", owner, liveness: livenessOf(owner), ino: info.ino, mtimeMs: info.mtimeMs };
}

/**
 * Removes the lock whatever its state: the documented override for a holder
 * that cannot be judged (another host) or that you know is stuck. Resolves
 * with whether there was a lock to remove.
 */
export function breakLock(path: string): boolean {
  const lockPath = storeFiles.lock(path);
  const state = readLock(lockPath);
  if (state.kind === "free") return false;
  if (state.kind === "legacy") removeLegacy(lockPath);
  else tryUnlink(lockPath);
  return true;
}

function holding(path: string, lockPath: string, token: string, tookOver: boolean): HeldLock {
  // Only the token says whose lock it is: no need to judge the holder (as readLock does).
  const ours = () => {
    try {
      return (
        lstatSync(lockPath).isFile() && parseOwner(readFileSync(lockPath, "utf8"))?.token === token
      );
    } catch {
      return false;
    }
  };
  return {
    path,
    tookOver,
    verify() {
      if (!ours()) throw new LockLostError(path, lockPath);
    },
    release() {
      if (ours()) tryUnlink(lockPath);
    },
  };
}

/**
 * Removes a dead holder's lock. Renaming it away first is atomic, so of two
 * writers taking over at once only one moves it; if what was moved turns out
 * to be a newer lock (someone took over in between), it is put back.
 */
function takeOver(lockPath: string, deadToken: string, grave: string): void {
  try {
    renameSync(lockPath, grave);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  let moved: LockOwner | undefined;
  try {
    moved = parseOwner(readFileSync(grave, "utf8"));
  } catch {
    moved = undefined;
  }
  if (moved !== undefined && moved.token !== deadToken) {
    try {
      linkSync(grave, lockPath); // its holder finds it again; if another lock is there now, it fails its check
    } catch {}
  }
  tryUnlink(grave);
}

function removeLegacy(lockPath: string): void {
  try {
    rmdirSync(lockPath);
  } catch {}
}

/** Creates `file` (mode 0600) with `text`; creates its folder (mode 0700) when missing. */
function writeNew(file: string, text: string): void {
  try {
    writeFileSync(file, text, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, text, { flag: "wx", mode: 0o600 });
  }
}

function tryUnlink(file: string): void {
  try {
    unlinkSync(file);
  } catch {}
}
