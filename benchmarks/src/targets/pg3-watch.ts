import type { EventRecord, EventStorage } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { type BenchContext, judge } from "../config.js";
import { count, ms, ratio } from "../format.js";
import { serverNote, startBenchServer } from "../pg-server.js";
import { median, quantile } from "../stats.js";
import type { Report } from "../table.js";
import { now } from "../util.js";

const TARGET_MS = 50;

/**
 * Appends one record at a time through `writer` and times each until
 * `reader`'s watch delivers it: from the start of the append (so the commit
 * itself is included) to the listener call.
 */
async function latencies(
  writer: EventStorage,
  reader: EventStorage,
  records: readonly EventRecord[],
): Promise<number[]> {
  const watch = reader.watch;
  if (watch === undefined) throw new Error("no watch capability");
  const waiting = new Map<string, (at: number) => void>();
  // fromSeq 0 on an empty store: the watch cannot miss the first append, whenever it starts.
  const handle = watch.call(
    reader,
    (record) => {
      waiting.get(record.id)?.(now());
    },
    { fromSeq: 0 },
  );
  await handle.ready;
  try {
    const times: number[] = [];
    for (const record of records) {
      const delivered = new Promise<number>((resolve, reject) => {
        waiting.set(record.id, resolve);
        setTimeout(
          () => reject(new Error("PG3: a record was not delivered within 10 s")),
          10_000,
        ).unref();
      });
      const start = now();
      await writer.appendEvent(record);
      times.push((await delivered) - start);
      waiting.delete(record.id);
    }
    return times.slice(Math.min(5, Math.floor(times.length / 5))); // the first few warm up
  } finally {
    await handle.stop();
  }
}

/** PG3: how long a commit takes to reach a watch in another store instance, against the JSON store's watch. */
export async function pg3Watch(ctx: BenchContext): Promise<Report> {
  const n = ctx.sizes.pgWatchSamples;
  const records = ctx.dataset.records.slice(0, 2 * n);
  const server = await startBenchServer();
  try {
    const writer = server.storage("pg3");
    const reader = server.storage("pg3");
    await writer.migrate();
    const ours = await latencies(writer, reader, records.slice(0, n));
    await Promise.all([writer.close(), reader.close()]);

    const dir = `${ctx.tmp}/pg3-json`;
    const jsonWriter = new JsonFileStorage({ dir });
    const jsonReader = new JsonFileStorage({ dir });
    const json = await latencies(jsonWriter, jsonReader, records.slice(n, 2 * n));
    await Promise.all([jsonWriter.close(), jsonReader.close()]);

    const p95 = quantile(ours, 0.95);
    return {
      id: "PG3",
      title: "watch latency, commit to listener (another store instance)",
      columns: ["contender", "samples", "p50", "p95", "max", "PostgreSQL ÷ peer (p95)"],
      rows: [
        [
          "ours: PostgresStorage (LISTEN/NOTIFY)",
          count(ours.length),
          ms(median(ours)),
          ms(p95),
          ms(Math.max(...ours)),
          "—",
        ],
        [
          "ours: JsonFileStorage (fs.watch + 200 ms poll)",
          count(json.length),
          ms(median(json)),
          ms(quantile(json, 0.95)),
          ms(Math.max(...json)),
          ratio(p95 / quantile(json, 0.95)),
        ],
      ],
      target: `≤ ${TARGET_MS} ms p95`,
      ours: `p95 ${ms(p95)}`,
      met: judge(ctx, p95 <= TARGET_MS),
      notes: [
        serverNote(server),
        "Each sample: appendEvent on one store instance (its own pool), timed from the call to the listener of a watch on a second instance; one at a time.",
      ],
    };
  } finally {
    await server.stop();
  }
}
