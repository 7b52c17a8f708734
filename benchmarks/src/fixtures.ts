import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Event, EventEmitter, EventRecord, EventType } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";

/** Emits a data-set record's type, audit, phase and payload (a fresh id and timestamp). */
export function emitRecord(emitter: EventEmitter, record: EventRecord): Promise<Event> {
  return emitter.emit(record.type as EventType, record.audit_id, {
    phase: record.phase,
    data: record.data,
  });
}

/** Writes `records` to a new JSON store at `path` through the store itself (one write). */
export async function writeStoreFile(path: string, records: readonly EventRecord[]): Promise<void> {
  const store = new JsonFileStorage({ path });
  try {
    await store.appendEvents(records);
  } finally {
    await store.close();
  }
}

let copies = 0;

/** A fresh directory under `tmp` holding a copy of `file` as `events.json`; returns the directory. */
export function freshCopy(tmp: string, file: string, label: string): string {
  const dir = join(tmp, `${label}-${++copies}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(file, join(dir, "events.json"));
  return dir;
}

/** A fresh empty directory under `tmp`. */
export function freshDir(tmp: string, label: string): string {
  const dir = join(tmp, `${label}-${++copies}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The lowdb document shape used by the peers: the store's own file format. */
export interface LowDocument {
  version: number;
  events: EventRecord[];
}
