import { mkdir } from "node:fs/promises";
import { type BrowserSession, launchChromium } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import { createTimelineServer } from "@phaser/events-web";
import { type BenchContext, judge } from "../config.js";
import { type Dataset, generateDataset } from "../dataset.js";
import { bytes, count, ms } from "../format.js";
import { median } from "../stats.js";
import type { Report } from "../table.js";
import { loadNote } from "../web/load-note.js";
import { type PageLoad, QUIET_MS, timePageLoad, VIEWPORT } from "../web/page-load.js";
import { openStore } from "../web/store-location.js";

const TARGET_MS = 1000;

/** A view to load: its URL's query, and what must be in the DOM for its content to count as shown. */
interface View {
  readonly name: string;
  readonly url: string;
  readonly selectors: readonly string[];
}

/** Writes `records` to a new JSON store in `dir` and serves it; returns the server's URL and a stop. */
export async function serve(
  dir: string,
  records: readonly EventRecord[],
): Promise<{ url: string; stop: () => Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const storage = openStore({ kind: "json", dir });
  await storage.appendEvents(records);
  const server = await createTimelineServer({ storage, port: 0, onError: () => {} });
  return {
    url: server.url,
    stop: async () => {
      await server.close();
      await storage.close();
    },
  };
}

function row(view: View, loads: readonly PageLoad[]): string[] {
  const m = (pick: (load: PageLoad) => number) => median(loads.map(pick));
  return [
    view.name,
    count(loads.length),
    ms(m((l) => l.fcp)),
    `${ms(m((l) => l.dataReceived))} (${bytes(m((l) => l.dataBytes))})`,
    ms(m((l) => l.content)),
    ms(m((l) => l.interactive)),
    ms(Math.max(...loads.map((l) => l.interactive))),
    `${count(m((l) => l.longTasks))} / ${ms(m((l) => l.longTaskMs))}`,
    ms(m((l) => l.scriptMs)),
    ms(m((l) => l.layoutMs + l.styleMs)),
    count(m((l) => l.layouts)),
    count(m((l) => l.elements)),
  ];
}

/** The audit the audit view opens: one audit of `events` events, its phases, retries and file changes. */
export function bigAudit(events: number): Dataset {
  return generateDataset({ audits: 1, events, seed: 13, lanes: 1 });
}

/** W1: the audit view of a big audit, and the audits view of many audits, load until interactive. */
export async function w1PageLoad(ctx: BenchContext): Promise<Report> {
  const { w1AuditEvents, w1Audits, w1EventsPerAudit, w1Loads } = ctx.sizes;
  const load = loadNote();
  const big = bigAudit(w1AuditEvents);
  const many = generateDataset({ audits: w1Audits, events: w1Audits * w1EventsPerAudit, seed: 14 });
  const bigServer = await serve(`${ctx.tmp}/w1-audit`, big.records);
  const manyServer = await serve(`${ctx.tmp}/w1-audits`, many.records);
  let session: BrowserSession | undefined;
  try {
    const views: View[] = [
      {
        name: `audit view: 1 audit of ${count(w1AuditEvents)} events`,
        url: new URL(`?audit=${big.auditIds[0]}`, bigServer.url).href,
        selectors: ["table.event-table tbody tr", ".gantt button.bar"],
      },
      {
        name: `audits view: ${count(w1Audits)} audits`,
        url: manyServer.url,
        selectors: ["table.audits tbody tr"],
      },
    ];
    session = await launchChromium();
    const activeSession = session;
    // One untimed load of each first (not in smoke mode, where nothing is judged): Chromium's
    // own start-up (its first renderer, the compile of its code) is not the page's.
    if (!ctx.smoke) {
      for (const view of views) await timePageLoad(activeSession, view.url, view.selectors);
    }
    const loads: PageLoad[][] = views.map(() => []);
    for (let round = 0; round < w1Loads; round++) {
      for (let i = 0; i < views.length; i++) {
        const at = (i + round) % views.length; // the view loaded first alternates
        const view = views[at] as View;
        (loads[at] as PageLoad[]).push(await timePageLoad(activeSession, view.url, view.selectors));
      }
    }
    const interactive = loads.map((l) => median(l.map((load) => load.interactive)));
    const worst = Math.max(...interactive);
    return {
      id: "W1",
      title: "a view is interactive in headless Chromium",
      columns: [
        "view",
        "loads",
        "first paint",
        "data received",
        "content shown",
        "interactive",
        "max",
        "long tasks (n / ms)",
        "script",
        "layout + style",
        "layouts",
        "DOM elements",
      ],
      rows: views.map((view, i) => row(view, loads[i] as PageLoad[])),
      target: `each ≤ ${count(TARGET_MS)} ms from navigation start (median)`,
      ours: interactive.map((t) => ms(t)).join(" / "),
      met: judge(ctx, worst <= TARGET_MS),
      notes: [
        `Times from the navigation's start (the page's \`performance.now()\`), medians of ${w1Loads} loads per view, each in a new browser context (no cache), alternating, ${ctx.smoke ? "no untimed load first (smoke)" : "after one untimed load of each"}; ${load}; headless Chromium ${activeSession.browser.version()}, viewport ${VIEWPORT.width}×${VIEWPORT.height}, the server in the bench process on a JSON store.`,
        `"Content shown": the view's rows are in the DOM (audit view: an event-table row and a Gantt bar; audits view: a row). "Interactive": after that, a \`requestIdleCallback\` ran (the main thread had nothing to do) and no long task (> 50 ms, PerformanceObserver \`longtask\`) began in the ${QUIET_MS} ms after it; if one did, the wait starts again from its end.`,
        "Data received: the view's `/api/audits…` response fully read (Resource Timing `responseEnd`), with its body's size; the server answers from the store (the audit view: `getEvents({ auditId })`).",
        "Long tasks, script, layout + style: up to interactive; script and layout + style are Chrome's own counters (CDP `Performance.getMetrics`: ScriptDuration, LayoutDuration + RecalcStyleDuration), layouts its LayoutCount.",
        `The ${count(w1AuditEvents)}-event audit: ${big.records.filter((r) => r.type === "phase_started").length} phases, ${big.typeCounts.verification_failed ?? 0} failed verifications (retried), ${(big.typeCounts.file_created ?? 0) + (big.typeCounts.file_modified ?? 0) + (big.typeCounts.file_deleted ?? 0)} file changes; the audits: ${count(w1EventsPerAudit)} events each.`,
      ],
    };
  } finally {
    await session?.close();
    await Promise.all([bigServer.stop(), manyServer.stop()]);
  }
}
