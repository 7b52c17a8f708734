import type { EventRecord, EventStorage } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { MemoryStorage } from "@phaser/events-store-memory";
import { type BenchContext, judge } from "../config.js";
import { count, ms, rate, ratio } from "../format.js";
import { serverNote, startBenchServer } from "../pg-server.js";
import type { Report } from "../table.js";
import { now } from "../util.js";

const TARGET_PER_S = 20_000;
const BATCH = 500;

/** Appends `records` in awaited batches of {@link BATCH}; resolves with the elapsed ms. */
async function appendInBatches(
  storage: EventStorage,
  records: readonly EventRecord[],
): Promise<number> {
  const start = now();
  for (let i = 0; i < records.length; i += BATCH) {
    await storage.appendEvents(records.slice(i, i + BATCH));
  }
  return now() - start;
}

/** PG1: the data set appended to PostgreSQL in batches of 500, against the JSON and memory stores. */
export async function pg1Append(ctx: BenchContext): Promise<Report> {
  const records = ctx.dataset.records;
  const jsonRecords = records.slice(0, ctx.sizes.pgJsonAppendEvents);
  const server = await startBenchServer();
  try {
    const pgStore = server.storage("pg1");
    await pgStore.migrate();
    const pgMs = await appendInBatches(pgStore, records);
    const stored = (await pgStore.getEvents({ limit: records.length + 1 })).length;
    await pgStore.close();
    if (stored !== records.length) throw new Error(`PG1: ${stored} of ${records.length} stored`);

    const json = new JsonFileStorage({ dir: `${ctx.tmp}/pg1-json` });
    const jsonMs = await appendInBatches(json, jsonRecords);
    await json.close();
    const memory = new MemoryStorage();
    const memoryMs = await appendInBatches(memory, records);

    const pgRate = (records.length / pgMs) * 1000;
    const jsonRate = (jsonRecords.length / jsonMs) * 1000;
    const memoryRate = (records.length / memoryMs) * 1000;
    return {
      id: "PG1",
      title: `${count(records.length)} events appended to PostgreSQL in batches of ${BATCH}`,
      columns: ["contender", "events", "total", "rate", "PostgreSQL ÷ peer (rate)"],
      rows: [
        ["ours: PostgresStorage", count(records.length), ms(pgMs), rate(pgRate), "—"],
        [
          "ours: JsonFileStorage (an fdatasync'd append in place per batch)",
          count(jsonRecords.length),
          ms(jsonMs),
          rate(jsonRate),
          ratio(pgRate / jsonRate),
        ],
        [
          "ours: MemoryStorage (no I/O, the ceiling)",
          count(records.length),
          ms(memoryMs),
          rate(memoryRate),
          ratio(pgRate / memoryRate),
        ],
      ],
      target: `≥ ${count(TARGET_PER_S)} events/s`,
      ours: rate(pgRate),
      met: judge(ctx, pgRate >= TARGET_PER_S),
      notes: [
        serverNote(server),
        `One transaction per batch: validate, advisory lock, one multi-row INSERT … ON CONFLICT (id) DO NOTHING, pg_notify, COMMIT.`,
        `The JSON store appends only the first ${count(jsonRecords.length)} events (before issue 10 each batch rewrote the whole file, so its rate fell as the file grew; it now appends in place).`,
      ],
    };
  } finally {
    await server.stop();
  }
}
