import { type BrowserSession, chromiumUnavailable } from "@phaser/browser-test-kit";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { closeBrowserSuite, openBrowserSuite, problems, type WebFixture } from "./harness.js";

/** An id with a lone surrogate: any non-empty string is an audit id, and a URL cannot hold it. */
const LONE = "lone-\uD800-id";

describe.skipIf(chromiumUnavailable())("audits whose ids a URL path cannot hold", () => {
  const audits = [
    [LONE, "ids"],
    [".", "dot"],
    ["..", "dot-dot"],
  ].map(([id = "", slug = ""], index) => {
    const audit = new AuditWriter(Date.now() - 60_000 * (index + 1), id).started("odd", slug, 1);
    audit.phase(1, "Work").verify(1, "npm test", 0);
    audit.completed();
    return audit;
  });
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audits.flatMap((audit) => audit.records)));
  });
  afterAll(async () => {
    await closeBrowserSuite(web, session);
  });

  it("opens from the audits list, its id in the URL as U+FFFD", async () => {
    await page.goto(web.url());
    await page.getByRole("link", { name: "ids" }).click();
    await expect.poll(() => page.locator("table.event-table tbody tr").count()).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get("audit")).toBe("lone-\uFFFD-id");
    expect(await page.locator("#app").textContent()).not.toContain("Could not load");
    expect(problems(session)).toEqual([]);
  });

  it("opens . and .. from the audits list (a browser rewrites them in a path)", async () => {
    for (const [id, slug] of [
      [".", "dot"],
      ["..", "dot-dot"],
    ] as const) {
      await page.goto(web.url());
      await page.getByRole("link", { name: slug, exact: true }).click();
      await expect
        .poll(() => page.locator("table.event-table tbody tr").count())
        .toBeGreaterThan(0);
      expect(new URL(page.url()).searchParams.get("audit"), slug).toBe(id);
      expect(await page.locator("#app").textContent(), slug).not.toContain("Could not load");
    }
    expect(problems(session)).toEqual([]);
  });
});
