import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EventRecord } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { trialSize, trialTimeout } from "../trial-size.js";
import { randomDelay, spawnFixture, tmpFiles } from "./helpers.js";

afterAll(removeTempDirs);

/** Kills (one per lane in `pnpm test`); 4 of them took up to 11 s in all with the machine loaded. */
const RUNS = trialSize(2, 10);
/** Runs going on at once, each in its own directory: most kills leave the lock to go stale. */
const LANES = 2;
const RECORDS = trialSize(5_000, 20_000);

interface Original {
  readonly records: readonly EventRecord[];
  /** The version-0 file: a bare array of the records. */
  readonly bytes: Buffer;
}

/** A fresh directory holding the original version-0 `events.json`; returns the file's path. */
function writeOriginal(original: Original): string {
  const path = join(tempDir(), "events.json");
  writeFileSync(path, original.bytes);
  return path;
}

/**
 * How long uninterrupted children ({@link LANES} at once) take from "ready" to
 * done, so that kills can land anywhere in the migration: at least 200 ms.
 */
async function migrationTime(original: Original): Promise<number> {
  const times = await Promise.all(
    Array.from({ length: LANES }, async () => {
      const reader = spawnFixture("migrate-read.mjs", [writeOriginal(original)]);
      await reader.line((line) => line === "ready");
      const started = Date.now();
      await reader.line((line) => line === String(RECORDS));
      expect(await reader.closed, reader.stderr()).toEqual({ code: 0, signal: null });
      return Date.now() - started;
    }),
  );
  return Math.max(200, Math.round(Math.max(...times) * 1.2));
}

/** Every `events.json.bak*` next to `path` must be a byte-for-byte copy of the original. */
function expectIntactBackups(path: string, original: Original, label: string): void {
  const dir = join(path, "..");
  for (const name of readdirSync(dir).filter((entry) => entry.startsWith("events.json.bak"))) {
    expect(readFileSync(join(dir, name)).equals(original.bytes), `${label}: ${name}`).toBe(true);
  }
}

/** Kills a child migrating the original file after up to `windowMs`, then checks the result. */
async function killDuringMigration(run: number, original: Original, windowMs: number) {
  const path = writeOriginal(original);
  const reader = spawnFixture("migrate-read.mjs", [path]);
  // The kill's moment counts from just before getEvents(): startup is not the point.
  await reader.line((line) => line === "ready");
  await Promise.race([randomDelay(windowMs), reader.closed]);
  reader.child.kill("SIGKILL");
  const exit = await reader.closed;
  const label = `run ${run} (${exit.signal ?? `exit ${exit.code}`})`;
  expect(String(exit.signal ?? exit.code), `${label}: ${reader.stderr()}`).toMatch(/^(SIGKILL|0)$/);

  // Either untouched, or completely migrated: never a mix.
  const after = readFileSync(path);
  if (!after.equals(original.bytes)) {
    const migrated = JSON.parse(after.toString("utf8"));
    expect(migrated.version, label).toBe(1);
    expect(migrated.events, label).toEqual(original.records);
  }
  expectIntactBackups(path, original, label);

  // A fresh store finishes (or redoes) the migration and reads everything.
  const store = new JsonFileStorage({ path });
  const events = await store.getEvents();
  await store.close();
  expect(
    events.map((event) => event.id),
    label,
  ).toEqual(original.records.map((r) => r.id));
  expect(JSON.parse(readFileSync(path, "utf8")).version, label).toBe(1);
  expect(tmpFiles(join(path, "..")), label).toEqual([]);
  expectIntactBackups(path, original, label);
}

describe("JsonFileStorage killed while migrating a version-0 file", () => {
  it(
    `leaves the original or the migrated file, and intact backups (${RUNS} kills)`,
    async () => {
      const records = Array.from({ length: RECORDS }, () => makeRecord());
      const original: Original = { records, bytes: Buffer.from(JSON.stringify(records)) };
      const windowMs = await migrationTime(original);

      await Promise.all(
        Array.from({ length: LANES }, async (_, lane) => {
          for (let run = lane; run < RUNS; run += LANES) {
            await killDuringMigration(run, original, windowMs);
          }
        }),
      );
    },
    trialTimeout(RUNS, 15_000),
  );
});
