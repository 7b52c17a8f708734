import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { inspectJsonStore, JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { trialSize } from "../trial-size.js";
import { parseOrUndefined, pythonJsonLoad } from "./helpers.js";

afterAll(removeTempDirs);

/** Hand-made tears: every offset near the edges of the torn record, and every Nth inside it. */
const TEAR_STRIDE = trialSize(4, 1);

describe("a torn tail crafted by hand", () => {
  it("is read up to the last complete record and repaired by the next append", async () => {
    const dir = tempDir();
    const source = join(dir, "events.json");
    const store = new JsonFileStorage({ path: source });
    const base = [makeRecord(), makeRecord({ data: { note: "deux" } })];
    for (const record of base) await store.appendEvent(record);
    const beforeLast = readFileSync(source);
    // Multi-byte characters, so that some cuts fall inside one.
    const last = makeRecord({ data: { note: "naïve café 🎉 — torn?", n: [1, 2, 3] } });
    await store.appendEvent(last);
    await store.close();
    const full = readFileSync(source);

    const idAt = full.indexOf(last.id);
    const lineStart = full.lastIndexOf(10, idAt) + 1;
    const lineEnd = full.indexOf(10, idAt);
    /** Just after the `}` of the record before the last one. */
    const prevEnd = lineStart - 2;
    expect(full.subarray(prevEnd, lineStart).toString(), "the layout of the design").toBe(",\n");
    expect(full.subarray(0, prevEnd).equals(beforeLast.subarray(0, prevEnd)), "in place").toBe(
      true,
    );

    const baseIds = base.map((record) => record.id);
    const withLast = [...baseIds, last.id];
    interface Case {
      readonly label: string;
      readonly bytes: Buffer;
      /** The ids a reader and the repair keep; two for the cut right after the record's `}`. */
      readonly keep: readonly (readonly string[])[];
    }
    const cases: Case[] = [];
    // Truncated at every offset from the end of the previous record to the end of the file
    // (in `pnpm test`, every offset near the edges and every fourth one inside the line).
    const near = (cut: number) =>
      cut - prevEnd < 12 || full.length - cut < 12 || Math.abs(cut - lineEnd) < 3;
    for (let cut = prevEnd; cut < full.length; cut += near(cut) ? 1 : TEAR_STRIDE) {
      const keep = cut < lineEnd ? [baseIds] : cut === lineEnd ? [baseIds, withLast] : [withLast];
      cases.push({ label: `cut at ${cut}`, bytes: full.subarray(0, cut), keep });
    }
    // Overwritten in place but cut within the old closing: the rest of the old closing stays.
    const appended = full.subarray(prevEnd);
    for (let written = 1; prevEnd + written < beforeLast.length; written++) {
      const bytes = Buffer.concat([
        beforeLast.subarray(0, prevEnd),
        appended.subarray(0, written),
        beforeLast.subarray(prevEnd + written),
      ]);
      cases.push({ label: `${written} byte(s) over the old closing`, bytes, keep: [baseIds] });
    }

    const repaired: string[] = [];
    const failures: string[] = [];
    for (const [n, { label, bytes, keep }] of cases.entries()) {
      const path = join(dir, `torn-${n}.json`);
      writeFileSync(path, bytes);
      const fail = (what: string) => failures.push(`${label} (${path}): ${what}`);
      let readIds: string[];
      try {
        const read = await new JsonFileStorage({ path, onWarning: () => {} }).getEvents();
        readIds = read.map((record) => record.id);
      } catch (error) {
        fail(`getEvents threw ${(error as Error).message}`);
        continue;
      }
      const kept = keep.find((ids) => ids.join() === readIds.join());
      if (kept === undefined) fail(`getEvents returned ${readIds.length} records: ${readIds}`);
      if (!readFileSync(path).equals(bytes)) fail("getEvents changed the file");
      const report = await inspectJsonStore(path);
      if (report.refused !== null || report.events !== readIds.length) {
        fail(`inspectJsonStore: refused ${report.refused?.code}, ${report.events} events`);
      }

      const added = makeRecord();
      try {
        await new JsonFileStorage({ path, onWarning: () => {} }).appendEvent(added);
      } catch (error) {
        fail(`appendEvent threw ${(error as Error).message}`);
        continue;
      }
      repaired.push(path);
      const after = readFileSync(path);
      const ids = (parseOrUndefined(after) as { events?: { id: string }[] } | undefined)?.events;
      if (ids === undefined) {
        fail("not valid JSON after the append");
        continue;
      }
      const expected = [...(kept ?? keep[0] ?? []), added.id];
      if (ids.map((e) => e.id).join() !== expected.join()) {
        fail(`holds ${ids.map((e) => e.id)} after the append, expected ${expected}`);
      }
      const keptEnd = kept === withLast ? lineEnd : prevEnd;
      if (!after.subarray(0, keptEnd).equals(full.subarray(0, keptEnd))) {
        fail("the bytes of the complete records changed");
      }
    }
    expect(failures).toEqual([]);
    expect(repaired).toHaveLength(cases.length);
    expect(await pythonJsonLoad(...repaired)).toBe("");
  }, 60_000);

  it("is cut off by the other writes too: clear, cleanup, migrate and appendEvents", async () => {
    const dir = tempDir();
    const source = join(dir, "events.json");
    const old = makeRecord({ timestamp: "2020-01-01T00:00:00.000Z" });
    const kept = makeRecord({ timestamp: "2025-01-01T00:00:00.000Z" });
    const torn = makeRecord({ timestamp: "2025-02-01T00:00:00.000Z", data: { note: "naïve" } });
    const store = new JsonFileStorage({ path: source });
    for (const record of [old, kept, torn]) await store.appendEvent(record);
    const full = readFileSync(source);
    const cut = full.subarray(0, full.indexOf(torn.id) + 20);
    const added = [makeRecord(), makeRecord()];
    const writes: [string, (storage: JsonFileStorage) => Promise<unknown>, string[]][] = [
      [
        "clearEvents({ before })",
        (s) => s.clearEvents({ before: "2021-01-01T00:00:00.000Z" }),
        [kept.id],
      ],
      ["clearEvents()", (s) => s.clearEvents(), []],
      ["cleanup()", (s) => s.cleanup(), [kept.id]],
      ["migrate()", (s) => s.migrate(), [old.id, kept.id]],
      ["appendEvents", (s) => s.appendEvents(added), [old.id, kept.id, ...added.map((r) => r.id)]],
    ];
    const paths: string[] = [];
    for (const [n, [what, write, expected]] of writes.entries()) {
      const path = join(dir, `torn-${n}.json`);
      writeFileSync(path, cut);
      const storage = new JsonFileStorage({
        path,
        maxEvents: 0,
        retentionDays: 365,
        now: () => new Date("2025-06-01T00:00:00.000Z"),
      });
      await write(storage);
      const file = parseOrUndefined(readFileSync(path)) as { events: { id: string }[] } | undefined;
      expect(
        file?.events.map((event) => event.id),
        what,
      ).toEqual(expected);
      paths.push(path);
    }
    expect(await pythonJsonLoad(...paths)).toBe("");
  }, 30_000);
});
