import type { EventRecord } from "@phaser/events-core";
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import type { LowDocument } from "./fixtures.js";

/** Plain lowdb on `path` (pretty-printed JSON, steno's atomic rename, no fsync), not yet read. */
export function newLow(path: string): Low<LowDocument> {
  return new Low<LowDocument>(new JSONFile<LowDocument>(path), { version: 1, events: [] });
}

/** Plain lowdb on an existing store file, read. */
export async function readLow(path: string): Promise<Low<LowDocument>> {
  const db = newLow(path);
  await db.read();
  return db;
}

/** What a lowdb user writes to get one audit's events (the file is already in order). */
export function lowdbByAudit(db: Low<LowDocument>, auditId: string): EventRecord[] {
  return db.data.events.filter((e) => e.audit_id === auditId);
}
