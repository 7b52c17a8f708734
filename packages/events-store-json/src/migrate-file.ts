import { isPlainObject } from "@phaser/events-core/store-kit";
import { backupFile } from "./atomic-write.js";
import { classify, Entry } from "./entry.js";
import { CorruptStoreError } from "./errors/corrupt-store-error.js";
import type { EventsFile, RootMember } from "./events-file-reader.js";
import type { HeldLock } from "./file-lock.js";
import { describe } from "./json-error-position.js";
import { type MigrationRegistry, migrate } from "./migrations.js";
import { type Piece, rewriteEventsFile } from "./rewriter.js";
import { SEQ_RUNS } from "./seq-runs.js";
import { stringifyAnyDepth } from "./stringify-deep.js";

/** What `JsonFileStorage.migrate()` did. */
export interface MigrationResult {
  /** The version found (`null` when there was no file). */
  readonly from: number | null;
  readonly to: number;
  /** The copy made before the file was rewritten; `null` when nothing was migrated. */
  readonly backup: string | null;
}

/**
 * Migrates an older events file to `current`, under the lock: the registry
 * runs in memory and its result is checked before the disk is touched; then
 * the file is copied to a backup and rewritten. Elements the migration kept
 * as they were (the same parsed value) keep their bytes and positions.
 */
export async function migrateEventsFile(
  file: EventsFile,
  registry: MigrationRegistry,
  current: number,
  lock: HeldLock,
  shown: string,
): Promise<{ file: EventsFile; backup: string }> {
  const values = file.entries.map((entry) => entry.value);
  const root =
    file.version === 0
      ? values
      : {
          version: file.version,
          ...Object.fromEntries(file.members.map((m) => [m.key, m.value])),
          events: values,
        };
  let migrated: unknown;
  try {
    migrated = migrate(root, file.version, registry);
  } catch (error) {
    const reason = `migration from version ${file.version} failed: ${(error as Error).message}`;
    throw new CorruptStoreError(shown, reason, error);
  }
  if (!isPlainObject(migrated) || migrated.version !== current || !Array.isArray(migrated.events)) {
    throw new CorruptStoreError(
      shown,
      `migration from version ${file.version} failed: expected a version-${current} document with an "events" array, found ${describe(migrated)}`,
    );
  }
  const byValue = new Map<unknown, Entry>(file.entries.map((entry) => [entry.value, entry]));
  let last = 0;
  let next = file.nextSeq;
  const pieces: Piece[] = migrated.events.map((value: unknown, index: number) => {
    const { record, problem } = classify(value, index);
    const old = byValue.get(value);
    if (old !== undefined && old.seq > last) {
      last = old.seq;
      return { kind: "copy", entry: new Entry(record, old.start, old.end, old.seq, problem) };
    }
    last = next;
    return { kind: "json", json: stringifyAnyDepth(value), record, seq: next++ };
  });
  const members: RootMember[] = [];
  for (const [key, value] of Object.entries(migrated)) {
    if (key === "version" || key === "events" || key === SEQ_RUNS) continue;
    const old = file.members.find((member) => member.key === key);
    const raw =
      old !== undefined && old.value === value ? old.raw : Buffer.from(stringifyAnyDepth(value));
    members.push({ key, raw, value });
  }
  const backup = await backupFile(file.path);
  const plan = { version: current, members, pieces, nextSeq: Math.max(next, last + 1) };
  return { file: await rewriteEventsFile(file.path, file.path, plan, lock), backup };
}
