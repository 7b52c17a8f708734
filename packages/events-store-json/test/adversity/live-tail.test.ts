import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import type { FixtureProcess } from "../process/helpers.js";
import { trialSize } from "../trial-size.js";
import {
  ackedIds,
  ackedMoreThan,
  notExactlyOnce,
  spawnWriter,
  startWriter,
  stopWriter,
  writerReady,
} from "./helpers.js";

afterAll(removeTempDirs);

/**
 * Reads of a file two writers append to: at least the first, then up to the second within 6 s
 * or until the writers appended LIVE_BYTES more.
 */
const MIN_LIVE_READS = 10;
const LIVE_READS = trialSize(30, 60);
const LIVE_BYTES = 48 * 1024 * 1024;

const running: FixtureProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.child.kill("SIGKILL");
});

describe("the tail a live writer is writing", () => {
  it("never makes a reader throw, and each read holds every event acknowledged before it", async ({
    annotate,
  }) => {
    const path = join(tempDir(), "events.json");
    // Both loaded before either starts: on a loaded machine one Node can take seconds to start,
    // and the other wrote 80 MB meanwhile (no read was left for the test to make).
    const writers = [0, 1].map(() => spawnWriter("-", { inFlight: 20, maxPadding: 5_000 }));
    running.push(...writers);
    await Promise.all(writers.map(writerReady));
    for (const writer of writers) startWriter(writer, path);
    await Promise.all(writers.map((writer) => ackedMoreThan(writer, 0)));
    // One store that reads what was appended since its last read; every fifth read a fresh one.
    const longLived = new JsonFileStorage({ path, onWarning: () => {} });
    let previous = new Set<string>();
    let reads = 0;
    const deadline = Date.now() + 6000;
    const sizeLimit = statSync(path).size + LIVE_BYTES;
    // At least MIN_LIVE_READS however slow reads are beside the writers (a loaded machine).
    const more = () => statSync(path).size < sizeLimit && Date.now() < deadline;
    while (reads < MIN_LIVE_READS || (reads < LIVE_READS && more())) {
      const acked = writers.flatMap(ackedIds);
      const fresh = reads % 5 === 4;
      const store = fresh ? new JsonFileStorage({ path, onWarning: () => {} }) : longLived;
      const ids = (await store.getEvents()).map((record) => record.id);
      expect(notExactlyOnce(acked, ids), `read ${reads}: acknowledged before it`).toEqual([]);
      const now = new Set(ids);
      expect(
        [...previous].filter((id) => !now.has(id)),
        `read ${reads}: lost`,
      ).toEqual([]);
      previous = now;
      reads++;
    }
    for (const writer of writers) stopWriter(writer);
    for (const writer of writers) {
      expect(await writer.closed, writer.stderr()).toEqual({ code: 0, signal: null });
    }
    await annotate(`${reads} reads while the writers appended ${statSync(path).size} bytes`);
    const all = (await longLived.getEvents()).map((record) => record.id);
    expect(notExactlyOnce(writers.flatMap(ackedIds), all)).toEqual([]);
  }, 60_000);
});
