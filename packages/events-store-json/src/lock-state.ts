import type { Liveness, ProcessIdentity } from "./process-identity.js";

/** What the lock file holds: its holder, a token unique to this holding, and since when. */
export interface LockOwner extends ProcessIdentity {
  readonly token: string;
  readonly since: string;
}

/** The lock as found on disk. */
export type LockState =
  | { readonly kind: "free" }
  | {
      readonly kind: "held";
      readonly owner: LockOwner;
      readonly liveness: Liveness;
      readonly ino: number;
      readonly mtimeMs: number;
    }
  /** A directory: the lock of a store version before 1.0 (proper-lockfile), refreshed every second by a live holder. */
  | { readonly kind: "legacy"; readonly ageMs: number }
  /** A file this store did not write: never taken over automatically. */
  | { readonly kind: "foreign"; readonly reason: string; readonly mtimeMs: number }
  /** Not a file at all (a FIFO, a device, a symlink): never read, so nothing hangs on it. */
  | { readonly kind: "special"; readonly found: string; readonly mtimeMs: number };

/** The holder named by the text of a lock file; undefined when it names none (not JSON, or fields missing). */
export function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof value === "object" &&
      value !== null &&
      Number.isInteger(value.pid) &&
      typeof value.host === "string" &&
      typeof value.token === "string"
    ) {
      return {
        pid: value.pid as number,
        start: typeof value.start === "string" ? value.start : null,
        host: value.host,
        boot: typeof value.boot === "string" ? value.boot : null,
        token: value.token,
        since: typeof value.since === "string" ? value.since : "",
      };
    }
  } catch {}
  return undefined;
}
