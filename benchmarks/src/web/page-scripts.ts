/**
 * Scripts that run inside the page, as source text: the benchmarks compile
 * without the DOM's types, and these are the only lines that need them.
 *
 * Times are the browser's own: `performance.now()` in the page, whose zero
 * is the navigation's start (`performance.timeOrigin`).
 */

/**
 * Installed before any script of the page (`addInitScript`): records long
 * tasks (main-thread tasks over 50 ms) from the start of the navigation.
 */
export const RECORD_LONG_TASKS = `
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLongTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: "longtask", buffered: true });
`;

/** What `measureInteractive` resolves with, in ms since the navigation's start. */
export interface PageLoadTiming {
  /** First contentful paint. */
  readonly fcp: number;
  /** The view's content (every one of `selectors`) was in the DOM. */
  readonly content: number;
  /**
   * Interactive: the content is in the DOM, and then the main thread was idle
   * (a `requestIdleCallback` ran) and no long task began in the next `quietMs`.
   */
  readonly interactive: number;
  /** Long tasks from the navigation's start to `interactive`: how many, and their total time. */
  readonly longTasks: number;
  readonly longTaskMs: number;
  /** Elements in the document at `interactive`. */
  readonly elements: number;
  /** The view's data (`/api/audits…`) fully received (resource timing), and its body's bytes. */
  readonly dataReceived: number;
  readonly dataBytes: number;
}

/**
 * An expression that resolves with a `PageLoadTiming` once every one of `selectors` matches
 * and the main thread stayed quiet for `quietMs` after an idle callback.
 * `quietMs` is the window in which a long task would prove the page still
 * busy (the TTI metric uses 5 s; its long tasks come from later loads and
 * ads, which this page has none of).
 */
export function measureInteractive(selectors: readonly string[], quietMs: number): string {
  return `new Promise((resolve) => {
    const selectors = ${JSON.stringify(selectors)};
    const shown = () => selectors.every((s) => document.querySelector(s) !== null);
    const quietMs = ${quietMs};
    const idle = () => new Promise((r) => requestIdleCallback(() => r(performance.now())));
    const lastLongTaskEnd = () => Math.max(0, ...window.__benchLongTasks.map((t) => t.end));
    const settle = async (content) => {
      let at = Math.max(await idle(), lastLongTaskEnd());
      for (;;) {
        await new Promise((r) => setTimeout(r, quietMs));
        const end = lastLongTaskEnd();
        if (end <= at) break;
        at = Math.max(await idle(), end);
      }
      const tasks = window.__benchLongTasks.filter((t) => t.start < at);
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const data = performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.startsWith("/api/audits"));
      resolve({
        fcp: fcp ? fcp.startTime : Number.NaN,
        content,
        interactive: at,
        longTasks: tasks.length,
        longTaskMs: tasks.reduce((sum, t) => sum + (t.end - t.start), 0),
        elements: document.getElementsByTagName("*").length,
        dataReceived: data.length === 0 ? Number.NaN : Math.max(...data.map((e) => e.responseEnd)),
        dataBytes: data.reduce((sum, e) => sum + e.decodedBodySize, 0),
      });
    };
    if (shown()) { settle(performance.now()); return; }
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      settle(performance.now());
    });
    observer.observe(document, { childList: true, subtree: true });
  })`;
}

/**
 * Arms the wait for the event-table row of record `id`: a MutationObserver
 * notes the wall-clock instant (`performance.timeOrigin + performance.now()`)
 * the row enters the DOM, in `window.__benchArrival`. Run before the record
 * is appended; read it with `ARRIVAL`.
 */
export function armArrival(id: string): string {
  return `(() => {
    const selector = 'tr[data-event-id="' + ${JSON.stringify(id)} + '"]';
    if (document.querySelector(selector) !== null) throw new Error("the row is already shown");
    window.__benchArrival = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector(selector) === null) return;
        const at = performance.timeOrigin + performance.now();
        observer.disconnect();
        resolve(at);
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  })()`;
}

/** Resolves with the instant the armed row appeared. */
export const ARRIVAL = "window.__benchArrival";
