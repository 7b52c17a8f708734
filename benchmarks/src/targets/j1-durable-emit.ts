import { statSync } from "node:fs";
import { join } from "node:path";
import { EventEmitter, type EventRecord } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { type BenchContext, judge } from "../config.js";
import { emitRecord, freshCopy, freshDir, writeStoreFile } from "../fixtures.js";
import { count, ms, ratio } from "../format.js";
import { appendedBytes, InPlaceAppender } from "../io-floor.js";
import { type Contender, medianOf, roundRobin } from "../sampling.js";
import { quantile } from "../stats.js";
import type { Report } from "../table.js";
import { now } from "../util.js";

/** The bars: growth from the small store to the big one, and distance to the floor. */
const TARGET_GROWTH = 1.5;
const TARGET_FLOOR = 10;
/** Unmeasured rounds first: the first emit of each store opens it. */
const WARMUP_ROUNDS = 5;

/** One store size: an open store with its emitter, and a copy of its file to append to in place. */
interface Size {
  readonly held: number;
  readonly dir: string;
  readonly store: JsonFileStorage;
  readonly emitter: EventEmitter;
  readonly floor: InPlaceAppender;
  readonly sizeBefore: number;
}

async function openSize(ctx: BenchContext, base: string, held: number): Promise<Size> {
  const dir = freshCopy(ctx.tmp, base, `j1-ours-${held}`);
  const store = new JsonFileStorage({ dir });
  const floor = await InPlaceAppender.open(
    join(freshCopy(ctx.tmp, base, `j1-floor-${held}`), "events.json"),
  );
  const sizeBefore = statSync(join(dir, "events.json")).size;
  return { held, dir, store, emitter: new EventEmitter({ storage: store }), floor, sizeBefore };
}

/**
 * J1 (issue 10): one durable emit into a store of `j1SmallEvents` events
 * against one into the big store, and against the in-place append floor of a
 * file of each size, all alternating in the same run.
 */
export async function j1DurableEmit(ctx: BenchContext): Promise<Report> {
  const { j1SmallEvents, j1Emits, bigStoreEvents } = ctx.sizes;
  const records = ctx.dataset.records;
  const smallBase = join(freshDir(ctx.tmp, "j1-small-base"), "events.json");
  await writeStoreFile(smallBase, records.slice(0, j1SmallEvents));
  const small = await openSize(ctx, smallBase, j1SmallEvents);
  const big = await openSize(ctx, ctx.bigStoreFile, bigStoreEvents);
  const sizes = [big, small];

  // Each emit sends the data set's next record (a fresh id and timestamp), the same for both sizes.
  let next = 0;
  const upcoming = new Map<Size, number>(sizes.map((s) => [s, 0]));
  const recordFor = (size: Size): EventRecord => {
    const i = upcoming.get(size) ?? 0;
    upcoming.set(size, i + 1);
    return records[(j1SmallEvents + i) % records.length] as EventRecord;
  };
  const oursName = (s: Size) => `ours: await emitter.emit(…), store holding ${count(s.held)}`;
  const floorName = (s: Size) =>
    `floor: in-place append + fdatasync, file of ${count(s.held)} events`;
  const contenders: Contender[] = sizes.flatMap((size) => [
    {
      name: oursName(size),
      async sample() {
        const record = recordFor(size);
        const start = now();
        await emitRecord(size.emitter, record);
        return now() - start;
      },
    },
    {
      name: floorName(size),
      async sample() {
        // The record as the store writes it; a fresh id and timestamp are the same length.
        const bytes = appendedBytes(JSON.stringify(records[next++ % records.length]));
        return size.floor.append(bytes);
      },
    },
  ]);

  let times: Map<string, number[]>;
  const grown: number[] = [];
  try {
    times = await roundRobin(contenders, { samples: j1Emits, warmup: WARMUP_ROUNDS });
    for (const size of sizes) {
      const stored = (await size.store.getEvents()).length;
      const emitted = j1Emits + WARMUP_ROUNDS;
      if (stored !== size.held + emitted)
        throw new Error(
          `J1: the ${size.held} store holds ${stored}, expected ${size.held + emitted}`,
        );
      grown.push((statSync(join(size.dir, "events.json")).size - size.sizeBefore) / emitted);
    }
  } finally {
    for (const size of sizes) {
      await size.store.close();
      await size.floor.close();
    }
  }

  const ours = medianOf(times, oursName(big));
  const oursSmall = medianOf(times, oursName(small));
  const floor = medianOf(times, floorName(big));
  const growth = ours / oursSmall;
  const toFloor = ours / floor;
  const row = (name: string) => {
    const t = times.get(name) ?? [];
    const median = medianOf(times, name);
    return [
      name,
      count(t.length),
      ms(median),
      ms(quantile(t, 0.95)),
      name === oursName(big) ? "—" : ratio(ours / median),
    ];
  };
  return {
    id: "J1",
    title: `one durable emit into a JSON store holding ${count(bigStoreEvents)} events against ${count(j1SmallEvents)}`,
    columns: [
      "contender",
      "emits",
      "median",
      "p95",
      `ours at ${count(bigStoreEvents)} ÷ peer (time)`,
    ],
    rows: [row(oursName(big)), row(oursName(small)), row(floorName(big)), row(floorName(small))],
    target: `≤ ${TARGET_GROWTH}× the emit at ${count(j1SmallEvents)} and ≤ ${TARGET_FLOOR}× the in-place append floor`,
    ours: `${ms(ours)}: ${ratio(growth)} the emit at ${count(j1SmallEvents)}, ${ratio(toFloor)} the floor`,
    met: judge(ctx, growth <= TARGET_GROWTH && toFloor <= TARGET_FLOOR),
    notes: [
      `${count(j1Emits)} emits per contender after ${WARMUP_ROUNDS} warm-up rounds, the four contenders alternating round by round (no forced GC); medians.`,
      "Ours: one awaited emit of the data set's next record (fresh id and timestamp) through an EventEmitter on a JsonFileStorage opened on a copy of the store file, one emit at a time: each is its own durable write.",
      `Floor: on another copy of the same file, kept open, the record line and a fresh closing written over the file's last 7 bytes (\`\\n  ]\\n}\\n\`), then fdatasync: no lock, no stat, no encoding in the clock.`,
      `The files grew by ${count(Math.round(grown[0] ?? 0))} bytes per emit (${count(bigStoreEvents)}) and ${count(Math.round(grown[1] ?? 0))} (${count(j1SmallEvents)}); the floor writes ${count(Math.round(ctx.dataset.meanBytes + 13))} bytes per append on average (the record, its line start and the closing).`,
    ],
  };
}
