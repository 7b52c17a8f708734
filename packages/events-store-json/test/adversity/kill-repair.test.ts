import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { inspectJsonStore, JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { type FixtureProcess, randomDelay } from "../process/helpers.js";
import { trialSize, trialTimeout } from "../trial-size.js";
import {
  ackedIds,
  ackedMoreThan,
  notExactlyOnce,
  parseOrUndefined,
  pythonJsonLoad,
  spawnWriter,
  startWriter,
  stopWriter,
} from "./helpers.js";

afterAll(removeTempDirs);

const TRIALS = trialSize(12, 100);
/** Trials stop starting after this long (at least {@link MIN_TRIALS} run): the file stays under about 15 s. */
const BUDGET_MS = trialSize(2_000, Number.POSITIVE_INFINITY);
const MIN_TRIALS = 3;
/**
 * While no kill has torn the file yet, trials go on past the planned ones (each killing during a
 * write, with larger records) for at most this long: on a loaded machine the writes often end
 * before the kill lands.
 */
const TEAR_BUDGET_MS = 20_000;
/** Records of up to this much padding once the planned trials are done and no kill tore the file. */
const TEAR_PADDING = 1_000_000;
/** A file past this size is set aside and the next trial starts a new one, so checks stay fast. */
const ROTATE_BYTES = 4 * 1024 * 1024;
/** Reads of a file two writers append to (and at most 6 s, or until it holds 48 MiB). */
const LIVE_READS = trialSize(30, 60);
/** Hand-made tears: every offset near the edges of the torn record, and every Nth inside it. */
const TEAR_STRIDE = trialSize(4, 1);

const running: FixtureProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.child.kill("SIGKILL");
});

const ID_FIELD = /"id"\s*:\s*"([0-9a-f-]{36})"/;

/**
 * Each line of the file that holds a record's id, by id, without its
 * indentation and trailing comma: the record's bytes as the store wrote them.
 */
function recordLines(bytes: Buffer): Map<string, Buffer[]> {
  const lines = new Map<string, Buffer[]>();
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(10, start);
    const end = newline === -1 ? bytes.length : newline;
    const id = ID_FIELD.exec(bytes.toString("latin1", start, Math.min(end, start + 120)))?.[1];
    if (id !== undefined) {
      let last = end;
      while (last > start && (bytes[last - 1] === 0x2c || bytes[last - 1] === 0x20)) last--;
      let first = start;
      while (first < last && bytes[first] === 0x20) first++;
      const found = lines.get(id) ?? [];
      found.push(bytes.subarray(first, last));
      lines.set(id, found);
    }
    start = end + 1;
  }
  return lines;
}

/**
 * Two writers that commit groups of up to 20 records of up to ~200 KB (or
 * `maxPadding`); in every fourth trial (one killed at random moments) the
 * second awaits each emit.
 */
function writerPair(trial: number, maxPadding = 200_000): FixtureProcess[] {
  const pair = [
    spawnWriter("-", { inFlight: 20, maxPadding }),
    spawnWriter("-", { inFlight: trial % 4 === 1 ? 1 : 20, maxPadding }),
  ];
  running.push(...pair);
  return pair;
}

/**
 * Kills `writers` as soon as the file at `path` changes size: while one of
 * them is writing (a write extends the file page by page), so that most
 * such kills tear it. Spins on `stat` for at most `withinMs`; there is no
 * event for "a write has begun".
 */
function killDuringWrite(writers: readonly FixtureProcess[], path: string, withinMs = 2000) {
  const size = () => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  const before = size();
  const deadline = Date.now() + withinMs;
  while (size() === before && Date.now() < deadline) {}
  for (const writer of writers) writer.child.kill("SIGKILL");
}

describe("writers killed (SIGKILL) mid-append, then the next writer", () => {
  it(
    `keeps every acknowledged event once and repairs the tail (${TRIALS} trials)`,
    async ({ annotate }) => {
      const started = Date.now();
      const snapshots = tempDir();
      const repaired: string[] = [];
      let path = join(tempDir(), "events.json");
      let acked: string[] = [];
      let trials = 0;
      let torn = 0;
      let endOfPlanned = 0;
      // The next trial's writers start Node while this trial's checks run.
      let next = writerPair(0);

      for (let trial = 0; ; trial++) {
        const planned = trial < TRIALS && (trial < MIN_TRIALS || Date.now() - started < BUDGET_MS);
        // Until some kill tore the file, more trials for a while, each killing during a write.
        const extra =
          !planned && torn === 0 && Date.now() - started < endOfPlanned + TEAR_BUDGET_MS;
        if (planned) endOfPlanned = Date.now() - started;
        if (!planned && !extra) break;
        if (planned) trials++;
        const duringWrite = extra || trial % 2 === 0;
        if (existsSync(path) && statSync(path).size > ROTATE_BYTES) {
          path = join(tempDir(), "events.json");
          acked = [];
        }
        const label = `trial ${trial}`;
        const writers = next;
        for (const writer of writers) startWriter(writer, path);
        await ackedMoreThan(writers[0] as FixtureProcess, 0);
        // Even (and extra) trials kill both writers the moment one of them is
        // writing; odd trials kill each at a random moment.
        if (duringWrite) killDuringWrite(writers, path);
        await Promise.all(
          writers.map(async (writer, n) => {
            if (!duringWrite) {
              await randomDelay(n === 0 ? 150 : 250);
              writer.child.kill("SIGKILL");
            }
            const exit = await writer.closed;
            expect(exit.signal, `${label}, writer ${n}: ${writer.stderr()}`).toBe("SIGKILL");
          }),
        );
        // Past the first trials with no tear yet: longer writes, which a kill is likelier to cut.
        next = writerPair(
          trial + 1,
          torn === 0 && trial + 1 >= MIN_TRIALS ? TEAR_PADDING : undefined,
        );
        for (const writer of writers) acked.push(...ackedIds(writer));

        // As the kill left it: every acknowledged record is there once, as a whole line.
        const killed = readFileSync(path);
        const wasTorn = parseOrUndefined(killed) === undefined;
        if (wasTorn) torn++;
        const before = recordLines(killed);
        const wrong = acked.filter((id) => before.get(id)?.length !== 1);
        expect(wrong, `${label}: acknowledged but not exactly once in the file`).toEqual([]);

        // A reader before any repair reads the complete records and does not throw.
        const read = await new JsonFileStorage({ path, onWarning: () => {} }).getEvents();
        const readIds = read.map((record) => record.id);
        expect(notExactlyOnce(acked, readIds), `${label}: getEvents before repair`).toEqual([]);
        expect(readFileSync(path).equals(killed), `${label}: a reader changed the file`).toBe(true);

        // The next writer takes the dead writers' lock over and repairs the tail.
        const added = makeRecord();
        const appendStarted = Date.now();
        await new JsonFileStorage({ path, onWarning: () => {} }).appendEvent(added);
        expect(Date.now() - appendStarted, `${label}: the repairing append`).toBeLessThan(5000);
        const after = readFileSync(path);
        const ids = (parseOrUndefined(after) as { events: { id: string }[] } | undefined)?.events;
        expect(ids, `${label}: not valid JSON after the repair`).toBeDefined();
        const fileIds = (ids ?? []).map((event) => event.id);
        expect(notExactlyOnce([...acked, added.id], fileIds), `${label}: after repair`).toEqual([]);
        expect(fileIds.at(-1)).toBe(added.id);
        const lines = recordLines(after);
        const changed = acked.filter((id) => {
          const [was, now] = [before.get(id)?.[0], lines.get(id)?.[0]];
          return was === undefined || now === undefined || !now.equals(was);
        });
        expect(changed, `${label}: acknowledged records whose bytes changed`).toEqual([]);
        expect(existsSync(`${path}.lock`), `${label}: lock left`).toBe(false);
        acked.push(added.id);
        // Python reads each repaired file; all of them at once at the end.
        const snapshot = join(snapshots, `trial-${trial}${wasTorn ? "-torn" : ""}.json`);
        copyFileSync(path, snapshot);
        repaired.push(snapshot);
      }
      for (const writer of next) stopWriter(writer);
      await annotate(`${trials} trials in ${Date.now() - started} ms; ${torn} kills tore the file`);

      expect(await pythonJsonLoad(...repaired), "json.load of the repaired files").toBe("");
      // Else no trial tested the repair of a real torn tail (the crafted tails below still do).
      expect(torn, "trials whose kill left a torn tail").toBeGreaterThan(0);
    },
    trialTimeout(TRIALS, 9_000),
  );
});

describe("the tail a live writer is writing", () => {
  it("never makes a reader throw, and each read holds every event acknowledged before it", async ({
    annotate,
  }) => {
    const path = join(tempDir(), "events.json");
    const writers = [0, 1].map(() => spawnWriter(path, { inFlight: 20, maxPadding: 20_000 }));
    running.push(...writers);
    await Promise.all(writers.map((writer) => ackedMoreThan(writer, 0)));
    // One store that reads what was appended since its last read; every fifth read a fresh one.
    const longLived = new JsonFileStorage({ path, onWarning: () => {} });
    let previous = new Set<string>();
    let reads = 0;
    const deadline = Date.now() + 6000;
    while (reads < LIVE_READS && statSync(path).size < 48 * 1024 * 1024 && Date.now() < deadline) {
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
    expect(reads).toBeGreaterThanOrEqual(10);
    const all = (await longLived.getEvents()).map((record) => record.id);
    expect(notExactlyOnce(writers.flatMap(ackedIds), all)).toEqual([]);
  }, 60_000);
});

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
