import { type BrowserSession, chromiumUnavailable, launchChromium } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { startWeb, type WebFixture } from "./harness.js";

const eventIds = (page: Page) =>
  page
    .locator("table.event-table tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event-id")));

/** Notes, from now on, whether the event table was ever drawn without a row. */
async function watchForEmptyTable(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const state = window as unknown as { emptied: boolean };
    state.emptied = false;
    new MutationObserver(() => {
      if (document.querySelectorAll("table.event-table tbody tr").length === 0)
        state.emptied = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { emptied: boolean }).emptied);
}

/** Resolves once the page has read the audit again (its `/api/audit` request answered). */
function auditReadAgain(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("requestfinished", (request) => {
      if (new URL(request.url()).pathname === "/api/audit") resolve();
    });
  });
}

describe.skipIf(chromiumUnavailable())("an open audit read again", () => {
  let session: BrowserSession;
  let page: Page;
  let web: WebFixture | undefined;

  beforeAll(async () => {
    session = await launchChromium();
  });
  afterEach(async () => {
    await page?.close();
    await web?.close();
    web = undefined;
  });
  afterAll(async () => {
    await session?.close();
  });

  it("after the server restarts: the table stays drawn, never empty, with every record", async () => {
    const audit = new AuditWriter(Date.now() - 60_000).started("p", "s", 1);
    audit.phase(1, "Work").verify(1, "npm test", 0);
    web = await startWeb(audit.records);
    page = await session.newPage();
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await expect.poll(() => eventIds(page)).toHaveLength(audit.records.length);
    const emptied = await watchForEmptyTable(page);
    const readAgain = auditReadAgain(page);

    await web.stopServer();
    await web.startServer(); // another rowsVersion: the page cannot know what was removed
    await readAgain;
    expect(await eventIds(page)).toEqual(audit.records.map((r) => r.id));
    expect(await emptied()).toBe(false);
  }, 30_000);

  it("after a clear that cut through it: the removed records go, the table never empty", async () => {
    const audit = new AuditWriter(Date.now() - 60_000).started("p", "s", 1);
    audit.phase(1, "Work").verify(1, "npm test", 1);
    audit.verify(1, "npm test", 0);
    web = await startWeb(audit.records, { recheckMs: 100 });
    page = await session.newPage();
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await expect.poll(() => eventIds(page)).toHaveLength(audit.records.length);
    const emptied = await watchForEmptyTable(page);

    const cut = audit.records[2] as EventRecord;
    await web.storage.clearEvents({ before: cut.timestamp });
    const kept = audit.records.filter((r) => r.timestamp >= cut.timestamp).map((r) => r.id);
    await expect.poll(() => eventIds(page), { timeout: 10_000 }).toEqual(kept);
    expect(await emptied()).toBe(false);
  }, 30_000);
});
