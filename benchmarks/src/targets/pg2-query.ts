import type { EventRecord, EventStorage } from "@phaser/events-core";
import { MemoryStorage } from "@phaser/events-store-memory";
import pg from "pg";
import { type BenchContext, judge } from "../config.js";
import { count, ms, ratio } from "../format.js";
import { type BenchServer, serverNote, startBenchServer } from "../pg-server.js";
import { median, quantile } from "../stats.js";
import type { Report } from "../table.js";
import { now } from "../util.js";

const TARGET_MS = 2;

/**
 * Fills the events table with `total` valid records of `audits` audits in
 * one INSERT … SELECT generate_series (appending them one batch at a time
 * would take minutes): file_modified events 1 ms apart, audits interleaved.
 */
async function seed(
  server: BenchServer,
  schema: string,
  total: number,
  audits: number,
): Promise<void> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "${schema}".phaser_events (id, type, audit_id, phase, "timestamp", ts_key, data, record)
       SELECT id, 'file_modified', audit_id, phase, ts, key, data,
              jsonb_build_object('id', id::text, 'type', 'file_modified', 'timestamp', ts,
                                 'audit_id', audit_id, 'phase', phase, 'data', data)
       FROM (
         SELECT gen_random_uuid() AS id, 'audit-' || (i % $2) AS audit_id, 1 + (i / $2) % 6 AS phase,
                to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts,
                (extract(epoch FROM t) * 1000000)::bigint AS key,
                jsonb_build_object('path', 'src/file-' || i || '.ts', 'size_bytes', 1000 + i % 5000,
                                   'lines_added', i % 40, 'lines_removed', i % 17) AS data
         FROM generate_series(0, $1 - 1) AS i,
              LATERAL (SELECT timestamptz '2025-12-05 10:15:30.123+00' + i * interval '1 millisecond' AS t) AS x
       ) AS rows`,
      [total, audits],
    );
    await client.query(`VACUUM ANALYZE "${schema}".phaser_events`);
  } finally {
    await client.end();
  }
}

/** Times `samples` queries, one audit after another (after `samples / 5` warm-up queries). */
async function timeQueries(
  storage: EventStorage,
  auditIds: readonly string[],
  samples: number,
): Promise<{ times: number[]; perQuery: number }> {
  const times: number[] = [];
  let returned = 0;
  const warmup = Math.max(5, Math.floor(samples / 5));
  for (let i = 0; i < warmup + samples; i++) {
    const auditId = auditIds[i % auditIds.length] as string;
    const start = now();
    const found: EventRecord[] = await storage.getEvents({ auditId });
    const elapsed = now() - start;
    if (i >= warmup) {
      times.push(elapsed);
      returned += found.length;
    }
  }
  return { times, perQuery: Math.round(returned / samples) };
}

/**
 * Where the time goes: the store's SELECT sent through a bare pg client (no
 * validation), and the server's own execution time for it.
 */
async function rawFloor(
  server: BenchServer,
  auditIds: readonly string[],
  samples: number,
): Promise<{ select: number[]; server: number[] }> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const sql = `SELECT seq, record FROM "pg2".phaser_events WHERE audit_id = $1 ORDER BY ts_key, seq`;
  const select: number[] = [];
  const execution: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const auditId = auditIds[i % auditIds.length] as string;
      const start = now();
      // Rows as arrays, as PostgresStorage.getEvents reads them.
      await client.query({ text: sql, values: [auditId], rowMode: "array" });
      select.push(now() - start);
      const plan = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [auditId]);
      const json = plan.rows[0]?.["QUERY PLAN"] as [{ "Execution Time": number }] | undefined;
      execution.push(json?.[0]["Execution Time"] ?? Number.NaN);
    }
  } finally {
    await client.end();
  }
  return { select, server: execution };
}

/** PG2: getEvents({ auditId }) on a big PostgreSQL table, against the memory store. */
export async function pg2Query(ctx: BenchContext): Promise<Report> {
  const total = ctx.sizes.pgQueryEvents;
  const perAudit = Math.round(ctx.dataset.records.length / ctx.dataset.auditIds.length);
  const audits = Math.max(1, Math.round(total / perAudit));
  const samples = ctx.sizes.pgQuerySamples;
  const server = await startBenchServer();
  try {
    const pgStore = server.storage("pg2");
    await pgStore.migrate();
    const seedStart = now();
    await seed(server, "pg2", total, audits);
    const seedMs = now() - seedStart;
    const ids = Array.from({ length: audits }, (_, i) => `audit-${(i * 7919) % audits}`);
    const ours = await timeQueries(pgStore, ids, samples);
    await pgStore.close();
    const floor = await rawFloor(server, ids, samples);

    const memory = new MemoryStorage();
    await memory.appendEvents(ctx.dataset.records);
    const peer = await timeQueries(memory, ctx.dataset.auditIds, samples);

    const p50 = median(ours.times);
    const memoryP50 = median(peer.times);
    return {
      id: "PG2",
      title: `getEvents({ auditId }) on a ${count(total)}-event PostgreSQL table`,
      columns: [
        "contender",
        "events held",
        "events per query",
        "p50",
        "p95",
        "PostgreSQL ÷ peer (time)",
      ],
      rows: [
        [
          "ours: PostgresStorage",
          count(total),
          count(ours.perQuery),
          ms(p50),
          ms(quantile(ours.times, 0.95)),
          "—",
        ],
        [
          "floor: the same SELECT through pg, rows not checked",
          count(total),
          count(ours.perQuery),
          ms(median(floor.select)),
          ms(quantile(floor.select, 0.95)),
          ratio(p50 / median(floor.select)),
        ],
        [
          "floor: server execution alone (EXPLAIN ANALYZE)",
          count(total),
          count(ours.perQuery),
          ms(median(floor.server)),
          ms(quantile(floor.server, 0.95)),
          ratio(p50 / median(floor.server)),
        ],
        [
          "ours: MemoryStorage (same answer size)",
          count(ctx.dataset.records.length),
          count(peer.perQuery),
          ms(memoryP50),
          ms(quantile(peer.times, 0.95)),
          ratio(p50 / memoryP50),
        ],
      ],
      target: `≤ ${TARGET_MS} ms median`,
      ours: ms(p50),
      met: judge(ctx, p50 <= TARGET_MS),
      notes: [
        serverNote(server),
        `${count(samples)} queries, each for the next of ${count(audits)} audits (${count(perAudit)} events each, as in the main data set); seeded with one INSERT … SELECT generate_series in ${ms(seedMs)}, then VACUUM ANALYZE.`,
        "The memory store holds the main data set (its audits have the same number of events), so both answer the same amount.",
        "Each query: one indexed SELECT (audit_id, ts_key, seq), then every returned row's jsonb is parsed and checked by core's checkRecord.",
      ],
    };
  } finally {
    await server.stop();
  }
}
