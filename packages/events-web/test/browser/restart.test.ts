import { type BrowserSession, chromiumUnavailable, launchChromium } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { startWeb, type WebFixture } from "./harness.js";

const auditIds = (page: Page) =>
  page
    .locator("table.audits tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-audit-id")));

/** A completed audit of project `project`, started `minutesAgo`. */
function audit(project: string, minutesAgo: number): AuditWriter {
  return new AuditWriter(Date.now() - minutesAgo * 60_000).started(project, "s", 1).completed();
}

describe.skipIf(chromiumUnavailable())("an open page across a restart of the server", () => {
  let session: BrowserSession;
  let page: Page;
  const webs: WebFixture[] = [];

  beforeAll(async () => {
    session = await launchChromium();
    page = await session.newPage();
  });
  afterEach(async () => {
    for (const web of webs.splice(0)) await web.close();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("on another store on the same port: shows that store's audits, and follows it", async () => {
    const first = [audit("first", 30), audit("first", 20), audit("first", 10)];
    const a = await startWeb(first.flatMap((w) => w.records));
    webs.push(a);
    await page.goto(a.url());
    await expect.poll(() => auditIds(page)).toHaveLength(3);

    // Another store, with fewer records (its positions are below what the page has seen).
    await a.stopServer();
    const other = audit("other", 5);
    const b = await startWeb(other.records, { port: a.server.port });
    webs.push(b);
    await expect.poll(() => auditIds(page), { timeout: 10_000 }).toEqual([other.auditId]);
    const next = audit("other", 1);
    await b.append(next.records);
    await expect.poll(() => auditIds(page)).toEqual([next.auditId, other.auditId]);
  }, 30_000);

  it("falls back to polling while the server is down, then follows by stream again once it is back", async () => {
    const web = await startWeb(audit("p", 30).records);
    webs.push(web);
    const fresh = await session.newPage();
    await fresh.clock.install(); // fake timers that run with real time, and can be moved on
    await fresh.goto(web.url());
    const badge = fresh.locator(".live-badge");
    await expect.poll(() => badge.getAttribute("data-status")).toBe("live");

    // Down for three failed reconnections (the server asked for 2 s between them): then it polls.
    const polled = new Promise<void>((resolve) => {
      fresh.on("request", (request) => {
        if (new URL(request.url()).pathname === "/api/events") resolve();
      });
    });
    await web.stopServer();
    await polled;
    await web.startServer();
    await expect.poll(() => badge.getAttribute("data-status"), { timeout: 10_000 }).toBe("polling");
    // After STREAM_RETRY_MS (30 s) of polling, the next poll that works tries the stream again.
    await fresh.clock.fastForward(32_000);
    await expect.poll(() => badge.getAttribute("data-status"), { timeout: 10_000 }).toBe("live");
    const next = audit("p", 1);
    await web.append(next.records);
    await expect.poll(() => auditIds(fresh)).toContain(next.auditId);
    await fresh.close();
  }, 45_000);

  it("on the same store, cleared while the server was down: the removed audits go", async () => {
    const old = audit("p", 30);
    const kept = audit("p", 10);
    const web = await startWeb([...old.records, ...kept.records]);
    webs.push(web);
    await page.goto(web.url());
    await expect.poll(() => auditIds(page)).toEqual([kept.auditId, old.auditId]);

    await web.stopServer();
    await web.storage.clearEvents({ before: (kept.records[0] as EventRecord).timestamp });
    await web.startServer();
    await expect.poll(() => auditIds(page), { timeout: 10_000 }).toEqual([kept.auditId]);
  }, 30_000);
});
