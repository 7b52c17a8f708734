import { copyFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../../src/index.js";
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
