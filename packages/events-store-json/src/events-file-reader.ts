import { closeSync, readSync } from "node:fs";
import type { Entry } from "./entry.js";
import { EventsFileParser } from "./events-file-parser.js";
import { type FileIdentity, identityOf, openRegular } from "./file-identity.js";
import type { SeqRun } from "./seq-runs.js";

/** A root field other than `version`, `seq_runs` and `events`: kept as its bytes. */
export interface RootMember {
  readonly key: string;
  readonly raw: Buffer;
  readonly value: unknown;
}

/** The events file, understood. Records are not held as text: rewrites copy their bytes. */
export interface EventsFile {
  /** The real file read (symlinks resolved). */
  readonly path: string;
  readonly identity: FileIdentity;
  /** The format version (0 for a bare array). */
  readonly version: number;
  readonly members: readonly RootMember[];
  readonly runs: readonly SeqRun[] | undefined;
  /** The elements (the store keeps them; a watch keeps none). */
  readonly entries: Entry[];
  /** How many elements the file holds. */
  readonly count: number;
  /** The position the next appended element gets. */
  readonly nextSeq: number;
  /** `events` is the root's last member, so the file ends with its closing bytes. */
  readonly eventsLast: boolean;
  /** The byte just after the last complete element (after `[` when there is none). */
  readonly tailStart: number;
  /** The file ends inside `events` after `tailStart`: a writer's torn append, repaired by the next writer. */
  readonly torn: boolean;
  /** The last bytes before `tailStart`, to check an append in place kept them. */
  readonly anchor: Buffer;
}

/**
 * Reads the events file at `path` (already resolved, see `resolveEventsPath`)
 * record by record, never as one string: `null` when it does not exist.
 * Records are validated when the file is at `current`; an older file's
 * elements keep their parsed values for a migration. A file that is not an
 * events file (invalid JSON, a wrong root, duplicated root keys) is refused
 * with `CorruptStoreError`, a newer one with `UnsupportedVersionError`;
 * a torn tail of this store's layout is reported, not refused.
 */
export function readEventsFile(path: string, current: number, shown = path): EventsFile | null {
  const opened = openRegular(path, shown);
  if (opened === null) return null;
  try {
    return new EventsFileParser(opened.fd, shown, opened.stats.size, current).root(
      path,
      identityOf(opened.stats),
    );
  } finally {
    closeSync(opened.fd);
  }
}

/**
 * Reads what was appended in place after `previous` was read: `changed` when
 * the file is not `previous` plus appended elements (rewritten, replaced,
 * shrunk). Costs the new bytes only. While an append is incomplete the
 * result is `torn`, with the complete elements before the tear. With `keep`,
 * the new entries are added to `previous.entries` too.
 */
export function readAppended(
  previous: EventsFile,
  current: number,
  shown = previous.path,
  keep = true,
): { file: EventsFile; added: Entry[] } | "changed" {
  let opened: ReturnType<typeof openRegular>;
  try {
    opened = openRegular(previous.path, shown);
  } catch {
    return "changed";
  }
  if (opened === null) return "changed";
  try {
    const { fd, stats } = opened;
    const prev = previous.identity;
    if (stats.ino !== prev.ino || stats.dev !== prev.dev || stats.size < previous.tailStart)
      return "changed";
    if (!previous.eventsLast || previous.version !== current) return "changed";
    const anchor = Buffer.alloc(previous.anchor.length);
    readSync(fd, anchor, 0, anchor.length, previous.tailStart - anchor.length);
    if (!anchor.equals(previous.anchor)) return "changed";
    const reader = new EventsFileParser(fd, shown, stats.size, current, previous.tailStart);
    const added = reader.appended(previous.count > 0, previous.count);
    if (added === "changed") return added;
    let seq = previous.nextSeq;
    for (const entry of added.entries) entry.seq = seq++;
    if (keep) for (const entry of added.entries) previous.entries.push(entry);
    const file: EventsFile = {
      ...previous,
      identity: identityOf(stats),
      entries: keep ? previous.entries : [],
      count: previous.count + added.entries.length,
      nextSeq: seq,
      tailStart: added.tailStart,
      torn: added.torn,
      anchor: reader.anchorBefore(added.tailStart),
    };
    return { file, added: added.entries };
  } catch {
    return "changed";
  } finally {
    closeSync(opened.fd);
  }
}
