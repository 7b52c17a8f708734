import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
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

/**
 * Leaves `DIR/events.json.lock` as a killed writer would: naming a process of
 * this host that no longer runs, written `ageMs` ago.
 */
export async function leaveStaleLock(dir: string, ageMs: number): Promise<void> {
  const lock = join(dir, "events.json.lock");
  const pid = spawnSync(process.execPath, ["-e", ""]).pid as number;
  const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  const owner = { pid, start: null, host: hostname(), boot, token: "t", since: "" };
  await writeFile(lock, JSON.stringify(owner));
  const then = new Date(Date.now() - ageMs);
  await utimes(lock, then, then);
}
