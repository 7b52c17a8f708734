import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { isStorageError } from "@phaser/events-core";
import lockfile from "proper-lockfile";
import { CorruptStoreError } from "./errors/corrupt-store-error.js";
import { isUnsupportedVersionError } from "./errors/unsupported-version-error.js";
import { type Entry, readEntry } from "./event-file.js";
import { EventFileAdapter, MigrationNeedsLock } from "./event-file-adapter.js";
import { STALE_LOCK_MS } from "./file-lock.js";
import {
  currentVersion,
  defaultMigrations,
  type MigrationRegistry,
  migrate,
} from "./migrations.js";

/** One thing `inspectJsonStore` found wrong; `error`s make the store unhealthy, `warning`s do not. */
export interface StoreProblem {
  readonly code: "REFUSED" | "UNREADABLE" | "MALFORMED_RECORDS" | "STALE_LOCK" | "TEMP_FILES";
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** A file next to the events file: a backup or a writer's temp file. */
export interface StoreFileInfo {
  readonly path: string;
  readonly sizeBytes: number;
  /** Last modification, ISO 8601. */
  readonly modifiedAt: string;
}

/** The write lock (`<path>.lock`, proper-lockfile's directory) as it is now. */
export interface LockReport {
  readonly path: string;
  /** `free`: no lock; `live`: a writer holds it and refreshes it; `stale`: left by a killed writer. */
  readonly state: "free" | "live" | "stale";
  /** Milliseconds since the holder last refreshed it; `null` when free. */
  readonly ageMs: number | null;
  /** A lock not refreshed for this long is stale and the next writer takes it over. */
  readonly staleAfterMs: number;
}

/** What `inspectJsonStore` found; a plain JSON value. */
export interface StoreReport {
  readonly path: string;
  readonly exists: boolean;
  readonly sizeBytes: number | null;
  /** The file's format version (0 for a bare array, newer when refused as such); `null` when missing or not understood. */
  readonly version: number | null;
  /** The version this package writes. */
  readonly currentVersion: number;
  /** True for an older file, which the store migrates (after a backup) on its next locked access. */
  readonly needsMigration: boolean;
  /** Valid records, of any type. */
  readonly events: number;
  /** Distinct `audit_id`s among them. */
  readonly audits: number;
  /** Valid records per `type`, including types this version does not know. */
  readonly byType: Readonly<Record<string, number>>;
  /** Elements of `events` the store skips: how many, and the first few with why. */
  readonly malformed: {
    readonly count: number;
    readonly first: readonly { readonly index: number; readonly message: string }[];
  };
  /** `events.json.bak`, `events.json.bak.1`…, oldest name first. */
  readonly backups: readonly StoreFileInfo[];
  /** Temp files writers left (`.events.json.<pid>.<nonce>.tmp`). */
  readonly tempFiles: readonly StoreFileInfo[];
  readonly lock: LockReport;
  /** The store's own refusal when it would not open the file (`CORRUPT_STORE`, `UNSUPPORTED_VERSION`…). */
  readonly refused: Refusal | null;
  readonly problems: readonly StoreProblem[];
  /** No problem of severity `error`. */
  readonly healthy: boolean;
}

export interface InspectOptions {
  /** Default: `defaultMigrations`. */
  readonly migrations?: MigrationRegistry | undefined;
  /** The stale-lock window the store uses. Default 4,000 ms; at least 2,000 as in the store. */
  readonly staleLockMs?: number | undefined;
  /** How many malformed records to describe. Default 5. */
  readonly maxMalformed?: number | undefined;
}

/**
 * Inspects the events file at `path` without changing anything: it never
 * writes, migrates or takes the lock. Files the store would refuse are
 * reported (`refused`, a `REFUSED` problem), not thrown.
 */
export async function inspectJsonStore(
  path: string,
  options: InspectOptions = {},
): Promise<StoreReport> {
  const file = resolve(path);
  const migrations = options.migrations ?? defaultMigrations;
  const problems: StoreProblem[] = [];
  const size = await stat(file).then(
    (s) => s.size,
    () => null,
  );
  const content =
    size === null
      ? { version: null, entries: [], refused: null }
      : await readContent(file, migrations);
  const { refused } = content;
  if (refused !== null) {
    problems.push(
      failure(refused.code === "UNREADABLE" ? "UNREADABLE" : "REFUSED", refused.message),
    );
  }
  const malformed = content.entries.flatMap((entry, index) =>
    entry.record === undefined ? [{ index, message: entry.problem ?? "malformed record" }] : [],
  );
  if (malformed.length > 0) {
    const first = `the first at index ${malformed[0]?.index}`;
    problems.push(
      failure("MALFORMED_RECORDS", `${malformed.length} malformed record(s) are skipped, ${first}`),
    );
  }
  const byType: Record<string, number> = {};
  const audits = new Set<string>();
  for (const { record } of content.entries) {
    if (record === undefined) continue;
    byType[record.type] = (byType[record.type] ?? 0) + 1;
    audits.add(record.audit_id);
  }
  const [backups, tempFiles, lock] = await Promise.all([
    siblings(file, (name, base) => name === `${base}.bak` || name.startsWith(`${base}.bak.`)),
    siblings(file, (name, base) => name.startsWith(`.${base}.`) && name.endsWith(".tmp")),
    inspectLock(file, Math.max(2000, options.staleLockMs ?? STALE_LOCK_MS)),
  ]);
  if (lock.state === "stale") {
    const age = `${Math.round((lock.ageMs ?? 0) / 1000)} s`;
    const message = `${lock.path} was last refreshed ${age} ago: its writer was killed; the next writer takes it over`;
    problems.push({ code: "STALE_LOCK", severity: "warning", message });
  }
  if (tempFiles.length > 0) {
    const message = `${tempFiles.length} temp file(s) of writers; the next write removes those of killed writers`;
    problems.push({ code: "TEMP_FILES", severity: "warning", message });
  }
  const current = currentVersion(migrations);
  return {
    path: file,
    exists: size !== null,
    sizeBytes: size,
    version: content.version,
    currentVersion: current,
    needsMigration: content.version !== null && content.version < current,
    events: content.entries.length - malformed.length,
    audits: audits.size,
    byType,
    malformed: { count: malformed.length, first: malformed.slice(0, options.maxMalformed ?? 5) },
    backups,
    tempFiles,
    lock,
    refused: content.refused,
    problems,
    healthy: problems.every((problem) => problem.severity !== "error"),
  };
}

type Refusal = { readonly code: string; readonly message: string };
interface Content {
  readonly version: number | null;
  readonly entries: readonly Entry[];
  readonly refused: Refusal | null;
}

const failure = (code: StoreProblem["code"], message: string): StoreProblem => ({
  code,
  severity: "error",
  message,
});

/** Reads the file as the store does; an older version is migrated in memory only. */
async function readContent(path: string, migrations: MigrationRegistry): Promise<Content> {
  const adapter = new EventFileAdapter(path, migrations); // migrationAllowed stays false: no writes
  try {
    const doc = await adapter.read();
    return { version: adapter.version, entries: doc?.entries ?? [], refused: null };
  } catch (error) {
    if (error instanceof MigrationNeedsLock) return readOlder(path, error.found, migrations);
    const version = isUnsupportedVersionError(error) ? error.found : null;
    return { version, entries: [], refused: refusalOf(path, error) };
  }
}

async function readOlder(
  path: string,
  found: number,
  migrations: MigrationRegistry,
): Promise<Content> {
  try {
    const root = migrate(JSON.parse(await readFile(path, "utf8")), found, migrations);
    const events = (root as { events?: unknown }).events;
    if (!Array.isArray(events)) throw new Error(`"events" is not an array after migrating`);
    return { version: found, entries: events.map(readEntry), refused: null };
  } catch (error) {
    const reason = `migration from version ${found} failed: ${(error as Error).message}`;
    return {
      version: found,
      entries: [],
      refused: refusalOf(path, new CorruptStoreError(path, reason, error)),
    };
  }
}

function refusalOf(path: string, error: unknown): Refusal {
  if (isStorageError(error)) return { code: error.code, message: error.message };
  const code = (error as NodeJS.ErrnoException).code;
  return {
    code: "UNREADABLE",
    message: `Could not read events file ${path}${code ? ` (${code})` : ""}: ${(error as Error).message}`,
  };
}

/** Files in the events file's folder whose names `match`, sorted by name. */
async function siblings(
  path: string,
  match: (name: string, base: string) => boolean,
): Promise<StoreFileInfo[]> {
  const dir = dirname(path);
  const base = basename(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  const found = await Promise.all(
    names
      .filter((name) => match(name, base))
      .sort(byBackupNumber)
      .map(async (name) => {
        const info = await stat(join(dir, name)).catch(() => undefined);
        return info === undefined
          ? []
          : [{ path: join(dir, name), sizeBytes: info.size, modifiedAt: info.mtime.toISOString() }];
      }),
  );
  return found.flat();
}

/** `x.bak` < `x.bak.1` < `x.bak.2` < `x.bak.10`. */
function byBackupNumber(a: string, b: string): number {
  const n = (name: string) => Number(/\.bak\.(\d+)$/.exec(name)?.[1] ?? 0);
  return n(a) - n(b) || a.localeCompare(b);
}

/** The lock's state by proper-lockfile's own rule: stale when its mtime is older than the window. */
async function inspectLock(path: string, staleAfterMs: number): Promise<LockReport> {
  const lockPath = `${path}.lock`;
  const info = await stat(lockPath).catch(() => undefined);
  if (info === undefined) return { path: lockPath, state: "free", ageMs: null, staleAfterMs };
  const live = await lockfile
    .check(path, { realpath: false, stale: staleAfterMs })
    .catch(() => false);
  const ageMs = Math.max(0, Date.now() - info.mtimeMs);
  return { path: lockPath, state: live ? "live" : "stale", ageMs: Math.round(ageMs), staleAfterMs };
}
