import { closeSync, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";
import { isPlainObject } from "@phaser/events-core";
import type { Adapter } from "lowdb";
import { backupFile, writeFileAtomic } from "./atomic-write.js";
import { DocumentEncoder, extendsEntries } from "./document-encoder.js";
import { CorruptStoreError } from "./errors/corrupt-store-error.js";
import { UnsupportedVersionError } from "./errors/unsupported-version-error.js";
import { type Entry, type EventDocument, readEntry } from "./event-file.js";
import { locateJsonError } from "./json-error-position.js";
import { currentVersion, type MigrationRegistry, migrate } from "./migrations.js";

/** Identifies one state of the file on disk, to notice writes by other processes. */
export interface FileFingerprint {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/**
 * lowdb adapter for the events file. It reads and understands the file
 * (refusing what it cannot understand, migrating older versions after a
 * backup) and writes it atomically and durably. It never writes a file it
 * refused.
 */
export class EventFileAdapter implements Adapter<EventDocument> {
  readonly path: string;
  readonly #migrations: MigrationRegistry;
  readonly version: number;
  /** Set while the store holds the file lock: only then may `read` migrate (and so write). */
  migrationAllowed = false;
  /** The file as this process last read or wrote it; `null` when there was no file. */
  fingerprint: FileFingerprint | null = null;
  readonly #encoder = new DocumentEncoder();
  /** The entries of the last read, while the file on disk still holds exactly them. */
  #loaded: readonly Entry[] | undefined;

  constructor(path: string, migrations: MigrationRegistry) {
    this.path = path;
    this.#migrations = migrations;
    this.version = currentVersion(migrations);
  }

  /** The document of a store with no file yet. */
  emptyDocument(): EventDocument {
    return { version: this.version, extras: {}, entries: [] };
  }

  /** Reads the file; `null` when it does not exist (an empty store). */
  async read(): Promise<EventDocument | null> {
    this.#loaded = undefined;
    let snapshot: Snapshot;
    try {
      snapshot = readSnapshot(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        this.fingerprint = null;
        return null;
      }
      throw error;
    }
    const { fingerprint } = snapshot;
    const root = parseRoot(this.path, snapshot.text);
    const found = versionOf(this.path, root);
    if (found > this.version) throw new UnsupportedVersionError(this.path, found, this.version);
    if (found === this.version) {
      const doc = toDocument(this.path, root, this.version);
      this.fingerprint = fingerprint;
      this.#loaded = endsWithEvents(root) ? doc.entries : undefined;
      return doc;
    }
    // Migrating writes the file: only under the inter-process lock.
    if (!this.migrationAllowed) throw new MigrationNeedsLock(found);
    // Migrate in memory and check the result before touching the disk: a
    // failed migration leaves no backup and no change.
    let migrated: unknown;
    try {
      migrated = migrate(root, found, this.#migrations);
    } catch (error) {
      const reason = `migration from version ${found} failed: ${(error as Error).message}`;
      throw new CorruptStoreError(this.path, reason, error);
    }
    const doc = toDocument(this.path, migrated, this.version);
    await backupFile(this.path);
    await this.write(doc);
    return doc;
  }

  /** Replaces the file with `doc`, atomically and durably. */
  async write(doc: EventDocument): Promise<void> {
    const loaded = this.#loaded;
    this.#loaded = undefined;
    if (loaded !== undefined && extendsEntries(doc.entries, loaded.length, loaded.at(-1))) {
      // The first write after a read appends to what the file holds: reuse its bytes.
      const file = await this.#readIfUnchanged();
      if (file !== undefined) this.#encoder.adopt(loaded, file);
    }
    await writeFileAtomic(this.path, this.#encoder.encode(doc));
    this.fingerprint = await this.#stat();
  }

  /** The file's bytes, when it is still the one this process last read; else undefined. */
  async #readIfUnchanged(): Promise<Buffer | undefined> {
    const handle = await open(this.path, "r").catch(() => undefined);
    if (handle === undefined) return undefined;
    try {
      const now = toFingerprint(await handle.stat());
      return sameFile(now, this.fingerprint) ? await handle.readFile() : undefined;
    } finally {
      await handle.close();
    }
  }

  /** True when the file on disk is not the one this process last read or wrote. */
  async changedOnDisk(): Promise<boolean> {
    const now = await this.#stat();
    if (now === null || this.fingerprint === null) return now !== this.fingerprint;
    return !sameFile(now, this.fingerprint);
  }

  async #stat(): Promise<FileFingerprint | null> {
    try {
      return toFingerprint(await stat(this.path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }
}

/** Thrown by `read` when the file needs migrating and the lock is not held. */
export class MigrationNeedsLock extends Error {
  constructor(readonly found: number) {
    super(`the events file is at version ${found} and must be migrated under the lock`);
  }
}

/**
 * Reads and stats the file through one descriptor, so the fingerprint is of
 * the bytes read. Synchronously: JSON.parse of the text blocks the event loop
 * for longer than reading it does anyway, and with the async read the buffer
 * outlived the parse, which raised the peak memory of opening a 100,000-event
 * file by a third (BENCHMARKS.md, P6).
 */
interface Snapshot {
  readonly text: string;
  readonly fingerprint: FileFingerprint;
}

function readSnapshot(path: string): Snapshot {
  const fd = openSync(path, "r");
  try {
    const fingerprint = toFingerprint(fstatSync(fd));
    return { text: readFileSync(fd, "utf8"), fingerprint };
  } finally {
    closeSync(fd);
  }
}

function sameFile(a: FileFingerprint, b: FileFingerprint | null): boolean {
  return b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/**
 * True when `events` is the root's last member, so the file's text ends with
 * that array. (An integer-like key would be listed first by Object.keys
 * wherever it stands in the text: such roots are not trusted to.)
 */
function endsWithEvents(root: unknown): boolean {
  const keys = Object.keys(root as object);
  return keys.at(-1) === "events" && !keys.some((key) => /^(0|[1-9]\d*)$/.test(key));
}

function toFingerprint(s: Stats): FileFingerprint {
  return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
}

function parseRoot(path: string, text: string): unknown {
  if (text.trim() === "") throw new CorruptStoreError(path, "the file is empty (truncated?)");
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = locateJsonError(text);
    const where = at
      ? ` at position ${at.offset} (line ${at.line}, column ${at.column}, ${at.problem})`
      : "";
    const reason = `invalid JSON${where}: ${(error as Error).message}; ${text.length} characters read`;
    throw new CorruptStoreError(path, reason, error);
  }
}

function versionOf(path: string, root: unknown): number {
  if (Array.isArray(root)) return 0;
  if (!isPlainObject(root)) {
    throw new CorruptStoreError(
      path,
      `the root is ${describe(root)}, not an object or a version-0 array`,
    );
  }
  const { version } = root;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new CorruptStoreError(
      path,
      `"version" must be a whole number of 1 or more, found ${describe(version)}`,
    );
  }
  return version;
}

function toDocument(path: string, root: unknown, version: number): EventDocument {
  if (!isPlainObject(root) || root.version !== version) {
    throw new CorruptStoreError(
      path,
      `expected a version-${version} document, found ${describe(root)}`,
    );
  }
  const { events, ...rest } = root;
  const extras: Record<string, unknown> = { ...rest };
  delete extras.version;
  if (!Array.isArray(events)) {
    throw new CorruptStoreError(path, `"events" must be an array, found ${describe(events)}`);
  }
  return { version, extras, entries: events.map((value, index) => readEntry(value, index)) };
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
