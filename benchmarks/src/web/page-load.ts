import type { BrowserSession } from "@phaser/browser-test-kit";
import { measureInteractive, type PageLoadTiming, RECORD_LONG_TASKS } from "./page-scripts.js";

/** Where the main thread's time went in one load: Chrome's own counters (CDP `Performance.getMetrics`). */
export interface LoadMetrics {
  /** ms of JavaScript, of layout, of style recalculation, of all tasks. */
  readonly scriptMs: number;
  readonly layoutMs: number;
  readonly styleMs: number;
  readonly taskMs: number;
  /** Layouts and style recalculations done. */
  readonly layouts: number;
  readonly styleRecalcs: number;
}

export interface PageLoad extends PageLoadTiming, LoadMetrics {}

/** The quiet window after an idle callback that ends "interactive" (see `measureInteractive`). */
export const QUIET_MS = 250;

/** The viewport of every benchmark page: a laptop's. */
export const VIEWPORT = { width: 1440, height: 900 } as const;

/**
 * Loads `url` in a new page (a fresh context: no cache) and takes the
 * browser's timings until the view's content (`selectors`) is shown and the
 * main thread is idle, and Chrome's counters at that moment.
 */
export async function timePageLoad(
  session: BrowserSession,
  url: string,
  selectors: readonly string[],
): Promise<PageLoad> {
  const page = await session.newPage({ viewport: VIEWPORT });
  try {
    await page.addInitScript(RECORD_LONG_TASKS);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(url, { waitUntil: "commit" });
    const timing = (await page.evaluate(measureInteractive(selectors, QUIET_MS))) as PageLoadTiming;
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    return {
      ...timing,
      scriptMs: metric("ScriptDuration") * 1000,
      layoutMs: metric("LayoutDuration") * 1000,
      styleMs: metric("RecalcStyleDuration") * 1000,
      taskMs: metric("TaskDuration") * 1000,
      layouts: metric("LayoutCount"),
      styleRecalcs: metric("RecalcStyleCount"),
    };
  } finally {
    await page.context().close();
  }
}
