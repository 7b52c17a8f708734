import { type BrowserSession, chromiumUnavailable } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { closeBrowserSuite, openBrowserSuite, problems, type WebFixture } from "./harness.js";

// 20 phases of 40 attempts each: 820 chart rows. Phase 15's last check fails it.
const PHASES = 20;
const ATTEMPTS = 40;
const FAILING_PHASE = 15;
const audit = new AuditWriter("2025-12-05T10:15:30.000Z", "7b2e4c1d-9a3f-4e8b-8c6d-2f1a0b9e7d53");
audit.started("big", "many-checks", PHASES);
const attempts: EventRecord[] = [];
for (let phase = 1; phase <= PHASES; phase += 1) {
  audit.phase(phase, `Phase ${phase}`);
  for (let i = 0; i < ATTEMPTS; i += 1) {
    const fails = phase === FAILING_PHASE && i === ATTEMPTS - 1;
    attempts.push(audit.verify(phase, `node checks/c${i}.js`, fails ? 1 : 0, "failed here", 10));
  }
  if (phase === FAILING_PHASE) audit.failedPhase(phase, "check c39 failed", 1);
  else audit.completedPhase(phase, ATTEMPTS);
}
const ROWS = PHASES * (ATTEMPTS + 1);
const lastAttempt = attempts.at(-1) as EventRecord;
const failure = attempts[(FAILING_PHASE - 1) * ATTEMPTS + ATTEMPTS - 1] as EventRecord;

const drawnRows = (page: Page) => page.locator(".gantt-row").count();
const focusedKey = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("data-key") ?? null);

/** Whether the chart row `key` is drawn and inside the chart's visible box (below its sticky axis). */
function rowInView(page: Page, key: string) {
  return page.evaluate((key) => {
    const row = document.querySelector(`.gantt-row[data-key="${CSS.escape(key)}"]`);
    const body = document.querySelector(".gantt-body");
    if (row === null || body === null) return false;
    const box = row.getBoundingClientRect();
    const frame = body.getBoundingClientRect();
    return box.top >= frame.top + 27 && box.bottom <= frame.bottom + 1;
  }, key);
}

describe.skipIf(chromiumUnavailable())("an audit of hundreds of attempts", () => {
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audit.records, {
      viewport: { width: 1280, height: 800 },
    }));
  });
  afterAll(() => closeBrowserSuite(web, session));

  it("draws only the chart rows in view, at their place, and opens on the failure far down", async () => {
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await expect.poll(() => rowInView(page, `a${failure.id}`)).toBe(true);
    expect(new URL(page.url()).searchParams.get("attempt")).toBe(failure.id);
    expect(await drawnRows(page)).toBeLessThan(150);
    // Rows not drawn still take their height: the chart scrolls as if all were there.
    const height = await page.locator(".gantt-rows").evaluate((el) => el.scrollHeight);
    expect(height).toBe(ROWS * 28);
    // Scrolling to the top draws the first rows.
    await page.locator(".gantt-body").evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(() => rowInView(page, "p1")).toBe(true);
    expect(await drawnRows(page)).toBeLessThan(150);
    expect(problems(session)).toEqual([]);
  });

  it("asks for the audit once, at boot, and draws the rows at the failure without drawing the top first", async () => {
    const fresh = await session.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      // Every row ever put in the page, from its first script on: a view drawn at the top, then
      // moved to the failure, would have drawn phase 1's row and the table's first event.
      await fresh.addInitScript(() => {
        const seen = new Set<string>();
        (window as unknown as { drawnKeys: Set<string> }).drawnKeys = seen;
        new MutationObserver((changes) => {
          for (const change of changes) {
            for (const node of change.addedNodes) {
              if (!(node instanceof Element)) continue;
              for (const row of [node, ...node.querySelectorAll("[data-key], tr[aria-rowindex]")]) {
                const key = row.getAttribute("data-key") ?? row.getAttribute("aria-rowindex");
                if (key !== null) seen.add(key);
              }
            }
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const asked: string[] = [];
      fresh.on("request", (request) => {
        const url = new URL(request.url());
        if (url.pathname === "/api/audit") asked.push(url.searchParams.get("id") ?? "");
      });
      await fresh.goto(web.url(`?audit=${audit.auditId}`));
      await expect.poll(() => rowInView(fresh, `a${failure.id}`)).toBe(true);
      await expect.poll(() => fresh.locator("tr.highlight").count()).toBe(1);
      const drawn = await fresh.evaluate(() => [
        ...(window as unknown as { drawnKeys: Set<string> }).drawnKeys,
      ]);
      expect(drawn).toContain(`a${failure.id}`);
      expect(drawn).not.toContain("p1");
      expect(drawn).not.toContain("2"); // the table's first event row (aria-rowindex 2)
      // One request: the view joined the load the page started at boot.
      expect(asked).toEqual([audit.auditId]);
      expect(problems(session)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it("End and Home reach the last and the first bar, which are drawn and focused", async () => {
    await page.goto(web.url(`?audit=${audit.auditId}&phase=1`));
    await expect.poll(() => rowInView(page, "p1")).toBe(true);
    await page.locator('.gantt-row[data-key="p1"] button.bar').focus();
    await page.keyboard.press("End");
    await expect.poll(() => focusedKey(page)).toBe(`a${lastAttempt.id}`);
    await expect.poll(() => rowInView(page, `a${lastAttempt.id}`)).toBe(true);
    await page.keyboard.press("Home");
    await expect.poll(() => focusedKey(page)).toBe("p1");
    await expect.poll(() => rowInView(page, "p1")).toBe(true);
    // Arrow keys walk on past the edge of what was drawn: 60 rows down is drawn and focused.
    for (let i = 0; i < 60; i += 1) await page.keyboard.press("ArrowDown");
    const sixtieth = attempts[ATTEMPTS + 18] as EventRecord; // p1, 40 attempts, p2, then its 19th
    await expect.poll(() => focusedKey(page)).toBe(`a${sixtieth.id}`);
    await expect.poll(() => rowInView(page, `a${sixtieth.id}`)).toBe(true);
    expect(problems(session)).toEqual([]);
  });
});
