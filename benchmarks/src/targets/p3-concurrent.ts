import { join } from "node:path";
import { EventEmitter, type EventRecord } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { type BenchContext, judge } from "../config.js";
import { emitRecord, freshCopy, writeStoreFile } from "../fixtures.js";
import { count, ms, ratio } from "../format.js";
import { readLow } from "../lowdb-peer.js";
import { median } from "../stats.js";
import type { Report } from "../table.js";
import { collectGarbage, now } from "../util.js";
import { WriteCounter } from "../write-counter.js";

const TARGET_MS = 60;
const TARGET_WRITES = 3;

interface Sample {
  readonly ms: number;
  readonly writes: number;
}

/** Times `burst()` and counts the writes of `dir/events.json` it made. */
async function timedBurst(dir: string, burst: () => Promise<unknown>): Promise<Sample> {
  const counter = await WriteCounter.start(dir);
  const start = now();
  await burst();
  const elapsed = now() - start;
  return { ms: elapsed, writes: await counter.stop() };
}

/**
 * Opens a JsonFileStorage on a fresh copy of `base`, loads it with one query,
 * then emits `records` all at once, twice: the first burst after opening and
 * the next one on the same open store.
 */
async function burstsOurs(
  ctx: BenchContext,
  base: string,
  records: readonly EventRecord[],
): Promise<[Sample, Sample]> {
  const dir = freshCopy(ctx.tmp, base, "p3-ours");
  const store = new JsonFileStorage({ dir });
  const emitter = new EventEmitter({ storage: store });
  const burst = () => Promise.all(records.map((record) => emitRecord(emitter, record)));
  try {
    const before = (await store.getEvents()).length; // loads the file: the store is warm
    const first = await timedBurst(dir, burst);
    const next = await timedBurst(dir, burst);
    const stored = (await store.getEvents()).length - before;
    if (stored !== 2 * records.length)
      throw new Error(`P3: ${stored} of ${2 * records.length} stored`);
    return [first, next];
  } finally {
    await store.close();
  }
}

/** The same burst through plain lowdb: push then write, all at once. */
async function burstLowdb(
  ctx: BenchContext,
  base: string,
  records: readonly EventRecord[],
): Promise<Sample> {
  const dir = freshCopy(ctx.tmp, base, "p3-lowdb");
  const db = await readLow(join(dir, "events.json"));
  return timedBurst(dir, () =>
    Promise.all(
      records.map((record) => {
        db.data.events.push(record);
        return db.write();
      }),
    ),
  );
}

/** P3: a burst of concurrent emits into a store that already holds events. */
export async function p3Concurrent(ctx: BenchContext): Promise<Report> {
  const { p3StoreEvents: held, p3Concurrent: n, p3Samples, p3LowdbSamples } = ctx.sizes;
  const records = ctx.dataset.records;
  const base = join(ctx.tmp, "p3-base.json");
  await writeStoreFile(base, records.slice(0, held));
  // The events that follow the stored ones (wrapping round in smoke mode); fresh ids and timestamps.
  const burst = Array.from(
    { length: n },
    (_, i) => records[(held + i) % records.length] as EventRecord,
  );

  const first: Sample[] = [];
  const next: Sample[] = [];
  for (let i = 0; i < p3Samples; i++) {
    const [a, b] = await burstsOurs(ctx, base, burst);
    first.push(a);
    next.push(b);
  }
  collectGarbage();
  const low: Sample[] = [];
  for (let i = 0; i < p3LowdbSamples; i++) low.push(await burstLowdb(ctx, base, burst));

  const summary = (samples: readonly Sample[]) => ({
    ms: median(samples.map((s) => s.ms)),
    writes: Math.max(...samples.map((s) => s.writes)),
  });
  const ours = summary(first);
  const steady = summary(next);
  const lowdb = summary(low);
  const row = (name: string, s: { ms: number; writes: number }, samples: number, vs: string) => [
    name,
    ms(s.ms),
    count(s.writes),
    count(samples),
    vs,
  ];
  return {
    id: "P3",
    title: `${count(n)} concurrent emits into a JSON store holding ${count(held)} events`,
    columns: ["contender", "median time", "file writes (max)", "samples", "ours ÷ peer (time)"],
    rows: [
      row("ours: Promise.all(emit…), first burst after opening the store", ours, p3Samples, "—"),
      row("ours: the next burst on the same open store", steady, p3Samples, "—"),
      row(
        "lowdb: Promise.all(push + write), no fsync",
        lowdb,
        p3LowdbSamples,
        ratio(ours.ms / lowdb.ms),
      ),
    ],
    target: "≤ 60 ms total and ≤ 3 file writes",
    ours: `${ms(ours.ms)}, ${count(ours.writes)} write${ours.writes === 1 ? "" : "s"}`,
    met: judge(ctx, ours.ms <= TARGET_MS && ours.writes <= TARGET_WRITES),
    notes: [
      "Each sample opens a store on a fresh copy of the file and loads it with one query before the clock starts.",
      "Judged on the first burst after opening (a CLI run); the next burst shows a long-running process.",
      "File writes are the renames onto events.json seen by fs.watch plus the fsyncs of events.json itself (an append in place), counted by WriteCounter; the most over the samples.",
      "steno coalesces lowdb's concurrent writes, but JSON.stringify of the whole document still runs on every call.",
    ],
  };
}
