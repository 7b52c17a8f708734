import { type BrowserSession, chromiumUnavailable, launchChromium } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { problems, startWeb, type WebFixture } from "./harness.js";
import { startLiveRun } from "./live-run.js";

const eventIds = (page: Page) =>
  page
    .locator("table.event-table tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event-id")));
const types = (page: Page) =>
  page
    .locator("table.event-table tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-type")));
/** How many events the table has (it draws only those in view). */
const rowCount = async (page: Page) =>
  Number(await page.locator("table.event-table").getAttribute("aria-rowcount")) - 1;
const status = (page: Page) => page.locator(".live-badge").getAttribute("data-status");

/** An audit still running: started, phase 1 started, and `more` file events. */
function runningAudit(more: number): AuditWriter {
  const audit = new AuditWriter(Date.now() - 60_000).started("live", "running", 2).phase(1, "Work");
  for (let i = 0; i < more; i += 1)
    audit.add("file_created", 1, { path: `f${i}.txt`, size_bytes: 1 }, 10);
  return audit;
}

describe.skipIf(chromiumUnavailable())("live updates", () => {
  let session: BrowserSession;
  let web: WebFixture | undefined;
  /** The page of the tests that need nothing special (a new one costs half a second). */
  let page: Page;

  beforeAll(async () => {
    session = await launchChromium();
    page = await session.newPage();
  });
  afterEach(async () => {
    // The page leaves before its server closes, so its stream ends instead of reconnecting.
    await page.goto("about:blank");
    await web?.close();
    web = undefined;
  });
  afterAll(() => session?.close());

  it("shows a real phaser-events run step by step, each event once", async () => {
    const before = session.problems().length;
    web = await startWeb();
    await page.setViewportSize({ width: 1440, height: 800 });
    await page.goto(web.url());
    await expect.poll(() => status(page)).toBe("live");
    const run = await startLiveRun(web.dir);
    // The audit appears in the list while its first step still waits.
    const row = page.locator("table.audits tbody tr", { hasText: "step-by-step" });
    await expect
      .poll(() => row.locator(".badge").textContent(), { timeout: 10_000 })
      .toBe("in progress");
    await row.getByRole("link").click();
    await expect
      .poll(() =>
        page.getByRole("button", { name: /^Phase 1: Wait for the gate, running/ }).count(),
      )
      .toBe(1);
    expect(await types(page)).toEqual(["audit_started", "phase_started"]);

    await run.openGate();
    await expect
      .poll(() => page.locator(".audit-header .badge").textContent(), { timeout: 15_000 })
      .toBe("completed");
    expect(await run.exited).toBe(0);
    const shown = await eventIds(page);
    const stored = (await web.storage.getEvents()).map((r) => r.id);
    expect(shown).toEqual(stored);
    expect(await types(page)).toEqual([
      "audit_started",
      "phase_started",
      "file_created",
      "verification_failed",
      "verification_passed",
      "phase_completed",
      "phase_started",
      "verification_passed",
      "phase_completed",
      "audit_completed",
    ]);
    // The retry is its own bar: attempt 1 failed, attempt 2 passed, and phase 1 is flaky.
    expect(
      await page.getByRole("button", { name: /^attempt 1: node flaky\.js, failed/ }).count(),
    ).toBe(1);
    expect(
      await page.getByRole("button", { name: /^attempt 2: node flaky\.js, passed/ }).count(),
    ).toBe(1);
    expect(
      await page
        .getByRole("button", { name: /^Phase 1: Wait for the gate, completed \(flaky\)/ })
        .count(),
    ).toBe(1);
    expect(problems(session, before)).toEqual([]);
  }, 45_000); // a real run in another process: 15.7 s seen in a loaded pnpm test

  it("keeps the table where the reader scrolled it, and follows when at the bottom", async () => {
    const before = session.problems().length;
    const audit = runningAudit(80);
    web = await startWeb(audit.records);
    await page.setViewportSize({ width: 1280, height: 700 });
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await expect.poll(() => status(page)).toBe("live");
    await expect.poll(() => rowCount(page)).toBe(82);
    const scroller = page.locator(".event-table-scroll");
    await scroller.evaluate((el) => {
      el.scrollTop = 300;
    });
    await web.append([audit.add("file_created", 1, { path: "late-1.txt", size_bytes: 1 })]);
    await expect.poll(() => rowCount(page)).toBe(83);
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(300);

    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await web.append([audit.add("file_created", 1, { path: "late-2.txt", size_bytes: 1 })]);
    await expect.poll(() => rowCount(page)).toBe(84);
    await expect
      .poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
      .toBeLessThan(2);
    expect(problems(session, before)).toEqual([]);
  });

  it("reconnects after the server restarts on the same store: what was stored meanwhile appears, once", async () => {
    const before = session.problems().length;
    const audit = runningAudit(2);
    web = await startWeb(audit.records);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await expect.poll(() => status(page)).toBe("live");
    await web.append([audit.add("file_created", 1, { path: "before.txt", size_bytes: 1 })]);
    await expect.poll(() => eventIds(page)).toHaveLength(5);

    await web.stopServer();
    await expect.poll(() => status(page)).toBe("reconnecting");
    const whileDown: EventRecord[] = [
      audit.add("file_created", 1, { path: "down-1.txt", size_bytes: 1 }),
      audit.add("file_created", 1, { path: "down-2.txt", size_bytes: 1 }),
    ];
    await web.append(whileDown);
    await web.startServer();
    await expect.poll(() => eventIds(page), { timeout: 10_000 }).toHaveLength(7);
    await web.append([audit.add("file_created", 1, { path: "after.txt", size_bytes: 1 })]);
    await expect.poll(() => eventIds(page)).toHaveLength(8);
    expect(await eventIds(page)).toEqual(audit.records.map((r) => r.id));
    expect(["live", "polling"]).toContain(await status(page));
    // The restart itself: the stream's connection cut, and refused while the server was down.
    expect(problems(session, before).filter((p) => !p.url?.includes("/api/stream"))).toEqual([]);
  }, 30_000);

  it("drops audits removed from the store from an open list, and an open audit says it was removed", async () => {
    const before = session.problems().length;
    const gone = runningAudit(1);
    const kept = new AuditWriter(Date.now() - 30_000).started("live", "kept", 1).completed();
    web = await startWeb([...gone.records, ...kept.records], { recheckMs: 100 });
    const auditIds = (p: Page) =>
      p
        .locator("table.audits tbody tr")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-audit-id")));
    await page.goto(web.url());
    await expect.poll(() => auditIds(page)).toEqual([kept.auditId, gone.auditId]);
    const opened = await session.newPage();
    await opened.goto(web.url(`?audit=${gone.auditId}`));
    await expect.poll(() => eventIds(opened)).toHaveLength(3);

    // Another writer clears what came before the kept audit: the server's watch says nothing of it.
    await web.storage.clearEvents({ before: (kept.records[0] as EventRecord).timestamp });
    await expect.poll(() => auditIds(page)).toEqual([kept.auditId]);
    await expect
      .poll(() => opened.getByRole("heading", { level: 1 }).textContent())
      .toBe("Audit removed");
    await opened.close();
    expect(problems(session, before)).toEqual([]);
  });

  it("falls back to polling when the stream keeps failing", async () => {
    const before = session.problems().length;
    const audit = runningAudit(1);
    web = await startWeb(audit.records);
    const page = await session.newPage();
    // A proxy that cannot hold a stream: every /api/stream answers 503.
    await page.route("**/api/stream*", (route) =>
      route.fulfill({ status: 503, body: "no streams here" }),
    );
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe("polling");
    await web.append([audit.add("file_created", 1, { path: "polled.txt", size_bytes: 1 })]);
    await expect.poll(() => eventIds(page), { timeout: 5_000 }).toHaveLength(4);
    await page.close();
    // The refused streams themselves, and nothing else.
    expect(problems(session, before).filter((p) => !p.url?.includes("/api/stream"))).toEqual([]);
  });

  it("falls back to polling where EventSource is missing", async () => {
    const before = session.problems().length;
    const audit = runningAudit(1);
    web = await startWeb(audit.records, { recheckMs: 100 });
    const page = await session.newPage();
    await page.addInitScript(() => {
      // @ts-expect-error: a browser without Server-Sent Events.
      delete window.EventSource;
    });
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await expect.poll(() => status(page)).toBe("polling");
    await expect.poll(() => eventIds(page)).toHaveLength(3);
    await web.append([
      audit.add("phase_completed", 1, { duration_seconds: 1 }),
      audit.completed().records.at(-1) as EventRecord,
    ]);
    await expect.poll(() => eventIds(page), { timeout: 5_000 }).toHaveLength(5);
    await expect.poll(() => page.locator(".audit-header .badge").textContent()).toBe("completed");
    // Polls tell the rows' version too: an audit cleared meanwhile goes.
    await web.storage.clearEvents();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Audit removed");
    await page.close();
    expect(problems(session, before)).toEqual([]);
  });
});
