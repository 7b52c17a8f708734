import { mkdir } from "node:fs/promises";
import { launchChromium } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import { errors, type Page } from "playwright-core";
import { type BenchContext, judge } from "../config.js";
import { generateDataset } from "../dataset.js";
import { bytes, count, ms } from "../format.js";
import { type BenchServer, serverNote, startBenchServer } from "../pg-server.js";
import { linearFit } from "../stats.js";
import type { Report } from "../table.js";
import { now, sleep } from "../util.js";
import { loadNote } from "../web/load-note.js";
import { VIEWPORT } from "../web/page-load.js";
import type { ServerSample } from "../web/server-messages.js";
import { ServerProcess } from "../web/server-process.js";
import { prepareStore, type StoreLocation } from "../web/store-location.js";
import { StoreWriter } from "../web/store-writer.js";

/**
 * "Flat": the live heap, fitted over the second half of the appends (the
 * server's ring of recent records, 1,000 of them, is full by then), grows by
 * at most this much per 10,000 events. Keeping every record would cost
 * about 3 MB per 10,000 (the records' JSON alone).
 */
const FLAT_BYTES_PER_10K = 1_000_000;

/** How long after the last append every page may take to show it. */
const CATCH_UP_MS = 20_000;

/** One store's run: the samples, and how the pages kept up. */
interface StoreRun {
  readonly points: Point[];
  /** The sample after the pages left (no socket open). */
  readonly left: Point;
  readonly appendedMs: number;
  /** Pages that did not show the last record within CATCH_UP_MS, and when the slowest other did. */
  readonly late: number;
  readonly slowestMs: number;
  /** Live heap growth per 10,000 events, fitted over the second half. */
  readonly growthPer10k: number;
}

interface Point {
  /** When: events appended so far, or what happened. */
  readonly at: string;
  readonly events: number;
  readonly sample: ServerSample;
}

/**
 * Waits for each page to show the audit of `last` ended (its row's badge no
 * longer "in progress"); resolves with when each did (`now()`), or null for a
 * page that had not by `deadline`. Any other failure is thrown: a page that
 * could not be asked is not a page that is behind.
 */
function caughtUp(
  pages: readonly Page[],
  last: EventRecord,
  deadline: number,
): Promise<(number | null)[]> {
  // A locator, not waitForFunction: Playwright evaluates the latter with `eval` inside the page.
  const badge = `table.audits tr[data-audit-id="${last.audit_id}"] .badge`;
  return Promise.all(
    pages.map((page) =>
      page
        .locator(badge)
        .filter({ hasNotText: /^in progress$/ })
        .waitFor({ timeout: Math.max(1, deadline - now()) })
        .then(
          () => now(),
          (error: unknown) => {
            if (error instanceof errors.TimeoutError) return null;
            throw error;
          },
        ),
    ),
  );
}

/**
 * Serves `location` in a server process, points every page at it, has a
 * writer process append `records` at the sizes' pace, samples the server, and
 * sends the pages away (about:blank) at the end.
 */
async function followStore(
  ctx: BenchContext,
  pages: readonly Page[],
  location: StoreLocation,
  records: readonly EventRecord[],
): Promise<StoreRun> {
  const { w3Batch, w3Samples, w3EventsPerSecond } = ctx.sizes;
  await prepareStore(location);
  const server = await ServerProcess.start(location);
  const writer = await StoreWriter.start(location);
  try {
    for (const page of pages) {
      await page.goto(server.url);
      await page.locator('.live-badge[data-status="live"]').waitFor();
    }
    const points: Point[] = [{ at: "0", events: 0, sample: await server.sample() }];
    const every = Math.ceil(records.length / w3Samples / w3Batch) * w3Batch;
    const intervalMs = (1000 * w3Batch) / w3EventsPerSecond;
    const start = now();
    for (let at = 0; at < records.length; at += w3Batch) {
      // Paced: batch k starts at k × intervalMs (when the last one took longer, at once).
      const due = start + (at / w3Batch) * intervalMs;
      if (due > now()) await sleep(due - now());
      await writer.append(records.slice(at, at + w3Batch));
      const appended = Math.min(at + w3Batch, records.length);
      if (appended % every === 0 && appended < records.length) {
        points.push({ at: count(appended), events: appended, sample: await server.sample() });
      }
    }
    const appendedMs = now() - start;
    const shown = await caughtUp(pages, records.at(-1) as EventRecord, now() + CATCH_UP_MS);
    const late = shown.filter((t) => t === null).length;
    points.push({
      at: `${count(records.length)}, ${late === 0 ? "every page caught up" : `${late} pages behind`}`,
      events: records.length,
      sample: await server.sample(),
    });
    // Then the pages leave: what the server still holds is its own, not their unread data.
    await Promise.all(pages.map((page) => page.goto("about:blank")));
    let sample = await server.sample();
    const deadline = now() + CATCH_UP_MS;
    while (sample.connections > 0 && now() < deadline) {
      sample = await server.sample(); // a GC and a round trip each: the connections close meanwhile
    }
    const half = points.filter((p) => p.events >= records.length / 2);
    const fit = linearFit(
      half.map((p) => p.events),
      half.map((p) => p.sample.liveHeap),
    );
    return {
      points,
      left: { at: "after the pages left", events: records.length, sample },
      appendedMs,
      late,
      slowestMs: Math.max(...shown.map((t) => (t ?? Number.NaN) - start)),
      growthPer10k: fit.slope * 10_000,
    };
  } finally {
    await writer.stop();
    await server.stop();
  }
}

const signed = (value: number) => `${value >= 0 ? "+" : ""}${bytes(value)}`;

/** W3: many open pages on one server: one store watch, and the server's memory flat as events pass. */
export async function w3ManyPages(ctx: BenchContext): Promise<Report> {
  const { w3Pages, w3Events, w3Batch, w3EventsPerSecond } = ctx.sizes;
  const load = loadNote();
  const audits = Math.max(3, Math.round(w3Events / 200));
  const records = generateDataset({ audits, events: w3Events, seed: 31 }).records;
  const dir = `${ctx.tmp}/w3-json`;
  await mkdir(dir, { recursive: true });
  const session = await launchChromium();
  let pgServer: BenchServer | undefined;
  try {
    const pages: Page[] = [];
    for (let i = 0; i < w3Pages; i++) pages.push(await session.newPage({ viewport: VIEWPORT }));
    const json = await followStore(ctx, pages, { kind: "json", dir }, records);
    pgServer = await startBenchServer();
    const pg = await followStore(
      ctx,
      pages,
      { kind: "postgres", url: pgServer.url, schema: "w3" },
      records,
    );
    const runs: [string, StoreRun][] = [
      ["JSON", json],
      ["PostgreSQL", pg],
    ];
    const watches = runs.map(([, run]) => run.left.sample.watchesStarted);
    const describe = ([name, run]: [string, StoreRun]) =>
      `${name}: appending took ${ms(run.appendedMs)}; ${run.late === 0 ? `every page showed the last audit ended ${ms(run.slowestMs)} after the first append` : `${run.late} of ${w3Pages} pages had not shown the last audit ended ${ms(CATCH_UP_MS)} after the last append`}`;
    return {
      id: "W3",
      title: `${count(w3Pages)} open pages on one server`,
      columns: [
        "store",
        "events appended",
        "server live heap",
        "server RSS",
        "open connections",
        "store watches started",
      ],
      rows: runs.flatMap(([name, run]) =>
        [...run.points, run.left].map((p) => [
          name,
          p.at,
          bytes(p.sample.liveHeap),
          bytes(p.sample.rss),
          count(p.sample.connections),
          count(p.sample.watchesStarted),
        ]),
      ),
      target: "one store watch; server memory flat over 10,000 events",
      ours: `${watches.join(" / ")} watch; live heap ${signed(json.growthPer10k)} (JSON) / ${signed(pg.growthPer10k)} (PostgreSQL) per 10,000 events over the second half`,
      met: judge(ctx, watches.every((w) => w === 1) && pg.growthPer10k <= FLAT_BYTES_PER_10K),
      notes: [
        `${count(w3Pages)} pages of headless Chromium ${session.browser.version()} (each its own context), all on the audits view, following the stream; one server (\`createTimelineServer\`) per store, in a process of its own (\`dist/web-server-child.js\`), its \`storage.watch\` wrapped to count calls; a writer process appends ${count(records.length)} events of ${count(audits)} audits in batches of ${w3Batch} (\`appendEvents\`), paced at ${count(w3EventsPerSecond)} events/s. The JSON store first, then the same pages on a PostgreSQL store; ${load}.`,
        `${runs.map(describe).join("; ")}. Not judged (the issue asks about the server): how fast the pages render depends on the browser's share of the machine's cores, which they split with the server and the writer.`,
        `Each sample: the server process runs a full GC, then reports V8's used heap + external memory ("live heap"), its RSS and its open HTTP connections. "After the pages left": the pages went to about:blank and the server had no connection left. Judged: one watch per server, and the PostgreSQL server's live heap growing, fitted (least squares) over the samples of the second half, by at most ${bytes(FLAT_BYTES_PER_10K)} per 10,000 events (keeping each record would be about 3 MB). The JSON server's heap also holds the store's own index of every record (the store keeps each valid record in memory, its README says), which grows with the store, not with the pages: the PostgreSQL store holds nothing, so its server's heap is the server's own.`,
        serverNote(pgServer),
      ],
    };
  } finally {
    await session.close();
    await pgServer?.stop();
  }
}
