import { randomUUID } from "node:crypto";
import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoredRecord } from "./run-cli.js";

/** A valid `phase_started` record of audit `A` at `timestamp`. */
export function recordAt(timestamp: string, auditId = "A"): StoredRecord {
  return {
    id: randomUUID(),
    type: "phase_started",
    timestamp,
    audit_id: auditId,
    phase: 1,
    data: { description: "d", file: "f" },
  };
}

/** Writes `DIR/events.json` with exactly `text`; returns its path. */
export async function writeEventsFile(dir: string, text: string): Promise<string> {
  const path = join(dir, "events.json");
  await writeFile(path, text);
  return path;
}

/** Leaves `DIR/events.json.lock` as a killed writer would: last refreshed `ageMs` ago. */
export async function leaveStaleLock(dir: string, ageMs: number): Promise<void> {
  const lock = join(dir, "events.json.lock");
  await mkdir(lock);
  const then = new Date(Date.now() - ageMs);
  await utimes(lock, then, then);
}
