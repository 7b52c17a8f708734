import { basename, dirname, join } from "node:path";

/** The events file's name inside a storage directory. */
export const EVENTS_FILE_NAME = "events.json";

/**
 * The names of every file the store keeps beside the events file, in one
 * place. `path` is the real events file (symlinks resolved).
 *
 * - `<file>.lock`: the write lock (a small JSON file naming its holder);
 * - `.<file>.lock.<pid>.<token>.tmp`: a lock being created, linked to `<file>.lock`;
 * - `.<file>.<pid>.<nonce>.tmp`: a rewrite's temp file, renamed over the file;
 * - `<file>.bak`, `<file>.bak.1`, …: copies made before a migration.
 */
export const storeFiles = {
  lock: (path: string): string => `${path}.lock`,
  lockTemp: (path: string, pid: number, token: string): string =>
    join(dirname(path), `.${basename(path)}.lock.${pid}.${token}.tmp`),
  rewriteTemp: (path: string, pid: number, nonce: string): string =>
    join(dirname(path), `.${basename(path)}.${pid}.${nonce}.tmp`),
  backup: (path: string, n: number): string => (n === 0 ? `${path}.bak` : `${path}.bak.${n}`),

  /** True for a temp file of `path` (a rewrite's or a lock's). */
  isTemp: (path: string, name: string): boolean =>
    name.startsWith(`.${basename(path)}.`) && name.endsWith(".tmp"),
  /** The pid of the writer that made a temp file (rewrite or lock), from its name. */
  tempPid(path: string, name: string): number | undefined {
    let rest = name.slice(basename(path).length + 2).split(".");
    if (rest[0] === "lock") rest = rest.slice(1);
    const pid = Number(rest[0]);
    return rest.length === 3 && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  },
  isBackup(path: string, name: string): boolean {
    const base = `${basename(path)}.bak`;
    return (
      name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)))
    );
  },
} as const;
