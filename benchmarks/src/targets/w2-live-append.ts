import { mkdir } from "node:fs/promises";
import { type BrowserSession, launchChromium } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import { createTimelineServer } from "@phaser/events-web";
import { type BenchContext, judge } from "../config.js";
import { generateDataset } from "../dataset.js";
import { count, ms } from "../format.js";
import { type BenchServer, serverNote, startBenchServer } from "../pg-server.js";
import { median, quantile } from "../stats.js";
import type { Report } from "../table.js";
import { loadNote } from "../web/load-note.js";
import { VIEWPORT } from "../web/page-load.js";
import { ARRIVAL, armArrival } from "../web/page-scripts.js";
import { openStore, prepareStore, type StoreLocation } from "../web/store-location.js";
import { StoreWriter } from "../web/store-writer.js";

const JSON_TARGET_MS = 1000;
const PG_TARGET_MS = 500;

interface Arrivals {
  /** From the writer's call to the row in the page's DOM, ms. */
  readonly latencies: number[];
  /** The writer's append alone (its call to its resolution), ms. */
  readonly appendMs: number[];
}

/**
 * A running audit's records with timestamps from now on, in the data set's
 * shape: `audit_started`, a phase, then its events (the audit never ends).
 */
function runningAudit(events: number): EventRecord[] {
  const base = generateDataset({ audits: 1, events: events + 3, seed: 21, lanes: 1 }).records;
  const start = Date.now() - 60_000;
  return base
    .slice(0, -1) // not the audit's end: it is still running
    .map((record, i) => ({ ...record, timestamp: new Date(start + i * 10).toISOString() }));
}

/**
 * Serves `location`, opens the audit view of a running audit, and has another
 * process append `appends` records one at a time, each awaited until its row
 * is in the page.
 */
async function measure(
  session: BrowserSession,
  location: StoreLocation,
  appends: number,
): Promise<Arrivals> {
  const records = runningAudit(appends + 2);
  const seed = records.slice(0, 2); // audit_started, phase_started
  const live = records.slice(2, 2 + appends);
  const storage = openStore(location);
  await storage.appendEvents(seed);
  const server = await createTimelineServer({ storage, port: 0, onError: () => {} });
  const writer = await StoreWriter.start(location);
  // Tall enough that the table never scrolls out of "following" (it keeps the bottom in view).
  const page = await session.newPage({ viewport: { width: VIEWPORT.width, height: 1200 } });
  try {
    const auditId = seed[0]?.audit_id as string;
    await page.goto(new URL(`?audit=${auditId}`, server.url).href);
    await page.locator(`tr[data-event-id="${seed[1]?.id}"]`).waitFor();
    await page.locator('.live-badge[data-status="live"]').waitFor();
    const latencies: number[] = [];
    const appendMs: number[] = [];
    for (const record of live) {
      await page.evaluate(armArrival(record.id));
      const { startMs, endMs } = await writer.append([record]);
      const arrival = (await page.evaluate(ARRIVAL)) as number;
      latencies.push(arrival - startMs);
      appendMs.push(endMs - startMs);
    }
    return { latencies, appendMs };
  } finally {
    await page.context().close();
    await writer.stop();
    await server.close();
    await storage.close();
  }
}

function row(name: string, a: Arrivals, target: number): string[] {
  return [
    name,
    count(a.latencies.length),
    ms(median(a.appendMs)),
    ms(median(a.latencies)),
    ms(quantile(a.latencies, 0.95)),
    ms(Math.max(...a.latencies)),
    `≤ ${count(target)} ms`,
  ];
}

/** W2: an event appended by another process appears in an open page. */
export async function w2LiveAppend(ctx: BenchContext): Promise<Report> {
  const n = ctx.sizes.w2Appends;
  const load = loadNote();
  const dir = `${ctx.tmp}/w2-json`;
  await mkdir(dir, { recursive: true });
  const session = await launchChromium();
  let pgServer: BenchServer | undefined;
  try {
    const json = await measure(session, { kind: "json", dir }, n);
    pgServer = await startBenchServer();
    const location: StoreLocation = { kind: "postgres", url: pgServer.url, schema: "w2" };
    await prepareStore(location);
    const pg = await measure(session, location, n);
    const jsonP95 = quantile(json.latencies, 0.95);
    const pgP95 = quantile(pg.latencies, 0.95);
    return {
      id: "W2",
      title: "another process's append appears in an open page",
      columns: ["store", "events", "append alone", "p50", "p95", "max", "target (p95)"],
      rows: [
        row("JsonFileStorage (fs.watch + 200 ms poll)", json, JSON_TARGET_MS),
        row("PostgresStorage (LISTEN/NOTIFY)", pg, PG_TARGET_MS),
      ],
      target: `p95 ≤ ${count(JSON_TARGET_MS)} ms (JSON), ≤ ${PG_TARGET_MS} ms (PostgreSQL)`,
      ours: `p95 ${ms(jsonP95)} / ${ms(pgP95)}`,
      met: judge(ctx, jsonP95 <= JSON_TARGET_MS && pgP95 <= PG_TARGET_MS),
      notes: [
        `Each sample: a writer process (\`dist/web-writer-child.js\`, its own store instance) appends one record of a running audit (\`appendEvent\`); timed from just before its call to the moment the record's row enters the DOM of the audit view open in headless Chromium ${session.browser.version()} (a MutationObserver in the page). Both ends read the machine's wall clock as \`performance.timeOrigin + performance.now()\`. One at a time: the next append starts once the row is shown; ${load}.`,
        "The path: the writer's commit, the store's watch in the server (`createTimelineServer`, in the bench process), the SSE message, the page's render. \"Append alone\": the writer's call to its resolution, the part that is the store's write.",
        serverNote(pgServer),
      ],
    };
  } finally {
    await session.close();
    await pgServer?.stop();
  }
}
