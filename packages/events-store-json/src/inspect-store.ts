import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { type AuditSummary, type EventRecord, isStorageError } from "@phaser/events-core";
import { EventIndex } from "@phaser/events-core/store-kit";
import { classify } from "./entry.js";
import { readEventsFile } from "./events-file-reader.js";
import { resolveEventsPath } from "./file-identity.js";
import { inspectLock, type LockReport, type StoreFileInfo, siblings } from "./inspect-files.js";
import { currentVersion, defaultMigrations, type MigrationRegistry } from "./migrations.js";
import { storeFiles } from "./store-files.js";
/** One thing `inspectJsonStore` found wrong; `error`s make the store unhealthy, `warning`s do not. */
export interface StoreProblem {
  readonly code:
    | "REFUSED"
    | "UNREADABLE"
    | "MALFORMED_RECORDS"
    | "TORN_TAIL"
    | "STALE_LOCK"
    | "UNJUDGED_LOCK"
    | "TEMP_FILES";
  readonly severity: "error" | "warning";
  readonly message: string;
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
  /**
   * The audits with no end event (`audit_completed` or `audit_abandoned`):
   * still running, or stopped before they could record their end (a writer
   * killed with SIGKILL, a crash, power loss). Oldest last event first.
   */
  readonly openAudits: readonly AuditSummary[];
  /** Valid records per `type`, including types this version does not know. */
  readonly byType: Readonly<Record<string, number>>;
  /** The file ends with an append cut short at `atByte` (the records before it are whole); the next writer repairs it. */
  readonly tornTail: { readonly atByte: number } | null;
  /** Elements of `events` the store skips: how many, and the first few with why. */
  readonly malformed: {
    readonly count: number;
    readonly first: readonly { readonly index: number; readonly message: string }[];
  };
  /** `events.json.bak`, `events.json.bak.1`…, oldest name first. */
  readonly backups: readonly StoreFileInfo[];
  /** Temp files writers left (`.events.json.<pid>.<nonce>.tmp`, `.events.json.lock.<pid>.<token>.tmp`). */
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
  const shown = resolve(path);
  const migrations = options.migrations ?? defaultMigrations;
  const problems: StoreProblem[] = [];
  let file = shown;
  let size: number | null = null;
  let content: Content = { version: null, entries: [], refused: null, tornAt: null };
  try {
    file = resolveEventsPath(shown);
    size = await stat(file).then(
      (s) => s.size,
      () => null,
    );
    if (size !== null) content = readContent(file, shown, currentVersion(migrations));
  } catch (error) {
    content = { version: null, entries: [], refused: refusalOf(shown, error), tornAt: null };
  }
  const { refused } = content;
  if (refused !== null) {
    problems.push(
      failure(refused.code === "UNREADABLE" ? "UNREADABLE" : "REFUSED", refused.message),
    );
  }
  if (content.tornAt !== null) {
    const message = `the file ends with an append cut short after byte ${content.tornAt}; the records before it are whole, and the next writer repairs the tail`;
    problems.push({ code: "TORN_TAIL", severity: "warning", message });
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
  const index = new EventIndex();
  for (const { record } of content.entries) {
    if (record === undefined) continue;
    byType[record.type] = (byType[record.type] ?? 0) + 1;
    index.insert([record]);
  }
  const audits = index.audits();
  const [backups, tempFiles] = await Promise.all([
    siblings(file, (name) => storeFiles.isBackup(file, name)),
    siblings(file, (name) => storeFiles.isTemp(file, name)),
  ]);
  const lock = inspectLock(file);
  if (lock.state === "stale") {
    const message = `${lock.path} names process ${lock.holder?.pid ?? "?"}, which is no longer running; the next writer takes it over`;
    problems.push({ code: "STALE_LOCK", severity: "warning", message });
  }
  if (lock.state === "unknown") {
    const who = lock.holder
      ? `process ${lock.holder.pid} on host ${lock.holder.host}`
      : "a file this store did not write";
    const message = `${lock.path} is held by ${who}, which cannot be checked from here; writers wait for it. If no writer is running there, remove it (storage.breakLock())`;
    problems.push({ code: "UNJUDGED_LOCK", severity: "warning", message });
  }
  if (tempFiles.length > 0) {
    const message = `${tempFiles.length} temp file(s) of writers; the next write removes those of killed writers`;
    problems.push({ code: "TEMP_FILES", severity: "warning", message });
  }
  const current = currentVersion(migrations);
  return {
    path: shown,
    exists: size !== null,
    sizeBytes: size,
    version: content.version,
    currentVersion: current,
    needsMigration: content.version !== null && content.version < current,
    events: content.entries.length - malformed.length,
    audits: audits.length,
    openAudits: openOf(audits),
    byType,
    tornTail: content.tornAt === null ? null : { atByte: content.tornAt },
    malformed: { count: malformed.length, first: malformed.slice(0, options.maxMalformed ?? 5) },
    backups,
    tempFiles,
    lock,
    refused: content.refused,
    problems,
    healthy: problems.every((problem) => problem.severity !== "error"),
  };
}

/** The audits without an end event, oldest last event first. */
function openOf(audits: readonly AuditSummary[]): AuditSummary[] {
  return audits
    .filter((audit) => audit.outcome === null)
    .sort((a, b) =>
      a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0,
    );
}

type Refusal = { readonly code: string; readonly message: string };
interface Content {
  readonly version: number | null;
  readonly entries: readonly {
    readonly record?: EventRecord | undefined;
    readonly problem?: string | undefined;
  }[];
  readonly refused: Refusal | null;
  readonly tornAt: number | null;
}

const failure = (code: StoreProblem["code"], message: string): StoreProblem => ({
  code,
  severity: "error",
  message,
});

/** Reads the file with the store's own reader; an older file's elements are checked as records as they are. */
function readContent(file: string, shown: string, current: number): Content {
  try {
    const read = readEventsFile(file, current, shown);
    if (read === null) return { version: null, entries: [], refused: null, tornAt: null };
    const entries =
      read.version === current
        ? read.entries
        : read.entries.map((entry, index) => classify(entry.value, index));
    return {
      version: read.version,
      entries,
      refused: null,
      tornAt: read.torn ? read.tailStart : null,
    };
  } catch (error) {
    const version = (error as { found?: unknown }).found;
    return {
      version: typeof version === "number" ? version : null,
      entries: [],
      refused: refusalOf(shown, error),
      tornAt: null,
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

export type { LockReport, StoreFileInfo } from "./inspect-files.js";
