import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { EventRecord } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { AppendWriter } from "../append-writer.js";
import { type BenchContext, judge } from "../config.js";
import { freshCopy, freshDir, writeStoreFile } from "../fixtures.js";
import { count, ms, ratio } from "../format.js";
import { median, quantile } from "../stats.js";
import type { Report } from "../table.js";
import { collectGarbage } from "../util.js";

const TARGET_P95_MS = 250;
/** "About the same" CPU per change at both sizes: the new bytes are the same. */
const TARGET_CPU_GROWTH = 1.5;
/** Untimed appends at the start of each session: the writer's and the follower's first ones. */
const WARMUP = 3;
const DELIVERY_TIMEOUT_MS = 10_000;

/** What one session measured: latencies (ms), CPU of this process (ms), the writer's appends (ms). */
interface Session {
  readonly latencies: number[];
  readonly cpuMs: number;
  readonly appendMs: number[];
}

/** CPU time this process used since `from`, in ms. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/**
 * One session on a fresh copy of `base` (holding `held` events): a writer
 * process appends `appends` records after {@link WARMUP} untimed ones, one at
 * a time, each after the previous one was delivered. With `watching` false,
 * nothing follows the file: the loop's own CPU (the IPC with the writer).
 */
async function session(
  ctx: BenchContext,
  base: string,
  held: number,
  appends: number,
  watching: boolean,
): Promise<Session> {
  const file = join(freshCopy(ctx.tmp, base, `j2-${held}`), "events.json");
  const records = ctx.dataset.records;
  const writer = await AppendWriter.start(file);
  const follower = new JsonFileStorage({ path: file });
  const waiting = new Map<string, (at: bigint) => void>();
  const failures: Error[] = [];
  const watch = watching
    ? follower.watch((record) => waiting.get(record.id)?.(process.hrtime.bigint()), {
        fromSeq: held,
        onError: (error) => failures.push(error),
      })
    : undefined;
  await watch?.ready;
  const delivery = (id: string) =>
    new Promise<bigint>((resolve, reject) => {
      const timer = setTimeout(() => {
        const why = failures.map((e) => e.message).join("; ");
        reject(new Error(`J2: an append was not delivered within 10 s${why ? `: ${why}` : ""}`));
      }, DELIVERY_TIMEOUT_MS);
      waiting.set(id, (at) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(at);
      });
    });

  const latencies: number[] = [];
  const appendMs: number[] = [];
  let cpuFrom = process.cpuUsage();
  try {
    for (let i = 0; i < WARMUP + appends; i++) {
      if (i === 1) {
        // Both processes have read the file whole by now (the writer at its first append, the
        // watch at its first scan): collect that garbage before the timed appends, not in them.
        await writer.collectGarbage();
        collectGarbage();
      }
      if (i === WARMUP) cpuFrom = process.cpuUsage();
      const source = records[(held + i) % records.length] as EventRecord;
      const record = { ...source, id: randomUUID(), timestamp: new Date().toISOString() };
      const sent = process.hrtime.bigint();
      const [at, done] = await Promise.all([
        watching ? delivery(record.id) : Promise.resolve(0n),
        writer.append(record),
      ]);
      if (done.start < sent) throw new Error("J2: process.hrtime is not shared with the writer");
      if (i < WARMUP) continue;
      appendMs.push(done.appendMs);
      if (watching) latencies.push(Number(at - done.start) / 1e6);
    }
    const cpuMs = cpuSince(cpuFrom);
    if (failures.length > 0) throw new Error(`J2: the watch failed: ${failures[0]?.message}`);
    return { latencies, cpuMs, appendMs };
  } finally {
    await watch?.stop();
    await follower.close();
    await writer.stop();
  }
}

/** CPU (ms) of readFile + JSON.parse of `file`: what a follower that re-reads the file pays per change. */
async function wholeFileParseCpu(file: string, samples: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const from = process.cpuUsage();
    const doc = JSON.parse(await readFile(file, "utf8")) as { events: unknown[] };
    times.push(cpuSince(from));
    if (doc.events.length === 0) throw new Error("J2: an empty store file");
  }
  return median(times);
}

/**
 * J2 (issue 10): a follower (a watch in this process) receives another
 * process's appends to a big store: latency, and this process's CPU per
 * change at two store sizes.
 */
export async function j2Follower(ctx: BenchContext): Promise<Report> {
  const { j2SmallEvents, j2Appends, j2Rounds, bigStoreEvents } = ctx.sizes;
  const smallBase = join(freshDir(ctx.tmp, "j2-small-base"), "events.json");
  await writeStoreFile(smallBase, ctx.dataset.records.slice(0, j2SmallEvents));
  const kinds = [
    { key: "big", base: ctx.bigStoreFile, held: bigStoreEvents, watching: true },
    { key: "small", base: smallBase, held: j2SmallEvents, watching: true },
    { key: "ipc", base: smallBase, held: j2SmallEvents, watching: false },
  ] as const;
  const sessions = new Map<string, Session[]>(kinds.map((k) => [k.key, []]));
  const perRound = Math.ceil(j2Appends / j2Rounds);
  for (let round = 0; round < j2Rounds; round++) {
    // Rotate the order, so drift in machine load spreads over all three.
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(round + k) % kinds.length] as (typeof kinds)[number];
      const s = await session(ctx, kind.base, kind.held, perRound, kind.watching);
      sessions.get(kind.key)?.push(s);
    }
  }
  const reparse = await wholeFileParseCpu(ctx.bigStoreFile, Math.max(1, j2Rounds + 1));

  const merged = (key: string) => {
    const all = sessions.get(key) ?? [];
    const latencies = all.flatMap((s) => s.latencies);
    const changes = all.reduce((n, s) => n + s.appendMs.length, 0);
    const cpu = all.reduce((sum, s) => sum + s.cpuMs, 0) / changes;
    return { latencies, changes, cpu, append: median(all.flatMap((s) => s.appendMs)) };
  };
  const big = merged("big");
  const small = merged("small");
  const ipc = merged("ipc");
  const p95 = quantile(big.latencies, 0.95);
  const growth = big.cpu / small.cpu;
  const watchRow = (label: string, held: number, m: ReturnType<typeof merged>) => [
    label,
    count(held),
    count(m.changes),
    ms(median(m.latencies)),
    ms(quantile(m.latencies, 0.95)),
    ms(Math.max(...m.latencies)),
    ms(m.append),
    ms(m.cpu),
    m === big ? "—" : ratio(big.cpu / m.cpu),
  ];
  return {
    id: "J2",
    title: `a follower of a ${count(bigStoreEvents)}-event JSON store receives another process's appends`,
    columns: [
      "contender",
      "stored events",
      "changes",
      "p50",
      "p95",
      "max",
      "writer's append (p50)",
      "follower CPU per change",
      `at ${count(bigStoreEvents)} ÷ peer (CPU)`,
    ],
    rows: [
      watchRow(`ours: watch on a store of ${count(bigStoreEvents)}`, bigStoreEvents, big),
      watchRow(`ours: watch on a store of ${count(j2SmallEvents)}`, j2SmallEvents, small),
      [
        "the same loop without a watch (the IPC with the writer alone)",
        count(j2SmallEvents),
        count(ipc.changes),
        "—",
        "—",
        "—",
        ms(ipc.append),
        ms(ipc.cpu),
        ratio(big.cpu / ipc.cpu),
      ],
      [
        `readFile + JSON.parse of the ${count(bigStoreEvents)}-event file (a follower that re-reads it per change)`,
        count(bigStoreEvents),
        "—",
        "—",
        "—",
        "—",
        "—",
        ms(reparse),
        ratio(big.cpu / reparse),
      ],
    ],
    target: `p95 < ${TARGET_P95_MS} ms at ${count(bigStoreEvents)} events, and CPU per change at ${count(bigStoreEvents)} ≤ ${TARGET_CPU_GROWTH}× the one at ${count(j2SmallEvents)}`,
    ours: `p95 ${ms(p95)}; CPU per change ${ms(big.cpu)}, ${ratio(growth)} the one at ${count(j2SmallEvents)}`,
    met: judge(ctx, p95 < TARGET_P95_MS && growth <= TARGET_CPU_GROWTH),
    notes: [
      `A writer process (dist/append-child.js, its own JsonFileStorage) appends one record at a time to a fresh copy of the store; the next append waits until the watch (storage.watch in this process, another JsonFileStorage, fromSeq = the events already stored) delivered the previous one. ${count(j2Rounds)} round${j2Rounds === 1 ? "" : "s"} of ${count(perRound)} timed appends per row, after ${WARMUP} untimed ones each (both processes collect garbage after the first: each has read the file whole by then), rows rotating.`,
      "Latency: from process.hrtime just before the writer's appendEvent (CLOCK_MONOTONIC, shared by both processes) to the listener call, so it includes the writer's durable append.",
      "Follower CPU per change: process.cpuUsage() of this process over the timed appends ÷ changes delivered: the watch's wake-ups (fs.watch and its poll), reading and checking the new records, the listener, and the IPC with the writer, which the row without a watch measures alone.",
      `Each change adds about ${count(Math.round(ctx.dataset.meanBytes))} bytes at both sizes, so CPU proportional to the new bytes is the same at both; the re-read row is the CPU time of one whole-file parse (median of ${count(Math.max(1, j2Rounds + 1))}).`,
    ],
  };
}
