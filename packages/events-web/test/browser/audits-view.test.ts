import { type BrowserSession, chromiumUnavailable, saveScreenshot } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import {
  closeBrowserSuite,
  openBrowserSuite,
  problems,
  SCREENSHOTS,
  type WebFixture,
} from "./harness.js";

const HOUR = 3_600_000;
/** A fixed clock: the screenshots come out the same on every run. */
const now = Date.parse("2025-12-05T18:00:00.000Z");

/** Ten audits over two projects: completed, failed, abandoned and one still running. */
function fixtures(): AuditWriter[] {
  const audits: AuditWriter[] = [];
  for (let i = 0; i < 10; i += 1) {
    const project = i % 2 === 0 ? "greeter" : "billing";
    const audit = new AuditWriter(now - (10 - i) * HOUR).started(project, `release-${i}`, 2);
    audit.phase(1, "Build");
    audit.add("file_modified", 1, {
      path: "src/app.ts",
      size_bytes: 900,
      lines_added: 3 + i,
      lines_removed: i,
    });
    if (i % 4 === 0) audit.add("file_created", 1, { path: `docs/release-${i}.md`, size_bytes: 90 });
    if (i % 3 === 1) {
      audit.verify(1, "npm test", 1, "1 failing");
      audit.verify(1, "npm test", 1, "1 failing");
      audit.failedPhase(1, "Verification command failed", 2).abandoned("error");
    } else if (i === 6) {
      audit.abandoned("user_request");
    } else if (i !== 9) {
      if (i % 2 === 0) audit.verify(1, "npm run lint", 1, "1 warning treated as error");
      audit.verify(1, "npm run lint", 0);
      audit.verify(1, "npm test", 0);
      audit.completedPhase(1, 1).add("phase_skipped", 2, { reason: "user_request" });
      audit.completed();
    }
    audits.push(audit);
  }
  return audits;
}

describe.skipIf(chromiumUnavailable())("the audits view", () => {
  let session: BrowserSession;
  let web: WebFixture;
  /** One page for every test (a new one costs half a second): each test goes to its own URL. */
  let page: Page;
  const audits = fixtures();
  const newest = audits[9] as AuditWriter;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audits.flatMap((a) => a.records)));
  });
  afterAll(() => closeBrowserSuite(web, session));

  const rowIds = (page: Page) =>
    page
      .locator("table.audits tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-audit-id")));

  it("lists every audit newest first: project, slug, outcome, started, phases, failing checks", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(web.url());
    await expect.poll(() => rowIds(page)).toEqual([...audits].reverse().map((a) => a.auditId));
    const first = page.locator(`tr[data-audit-id="${newest.auditId}"]`);
    expect(await first.locator(".badge").textContent()).toBe("in progress");
    const failed = page.locator(`tr[data-audit-id="${(audits[7] as AuditWriter).auditId}"] td`);
    expect(await failed.allTextContents()).toEqual([
      "billing",
      "release-7",
      "failed",
      new Date(now - 3 * HOUR).toISOString(),
      expect.stringMatching(/ms|s$/),
      "0/2",
      "1",
    ]);
    await saveScreenshot(page, SCREENSHOTS, "audits");
    expect(problems(session)).toEqual([]);
  });

  it("filters by project, outcome and text; the URL holds the filters, a reload keeps them, chips remove them", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(web.url());
    await page.getByRole("combobox", { name: "Project" }).selectOption("billing");
    await page.getByRole("checkbox", { name: "failed" }).check();
    await expect.poll(() => page.url()).toContain("project=billing");
    expect(page.url()).toContain("outcome=failed");
    const billingFailed = audits
      .filter((_, i) => i % 2 === 1 && i % 3 === 1)
      .map((a) => a.auditId)
      .reverse();
    await expect.poll(() => rowIds(page)).toEqual(billingFailed);

    await page.reload();
    await expect.poll(() => rowIds(page)).toEqual(billingFailed);
    expect(await page.getByRole("combobox", { name: "Project" }).inputValue()).toBe("billing");
    expect(await page.getByRole("checkbox", { name: "failed" }).isChecked()).toBe(true);

    await page.getByRole("button", { name: "Remove filter outcome: failed" }).click();
    await expect.poll(() => rowIds(page)).toHaveLength(5);
    expect(page.url()).not.toContain("outcome=");
    await page.getByRole("searchbox", { name: "Search" }).fill("release-3");
    await expect.poll(() => rowIds(page)).toEqual([(audits[3] as AuditWriter).auditId]);
    expect(page.url()).toContain("q=release-3");
    await page.getByRole("searchbox", { name: "Search" }).fill(newest.auditId.slice(0, 8));
    await page.getByRole("button", { name: "Remove filter project: billing" }).click();
    await expect.poll(() => rowIds(page)).toEqual([newest.auditId]);
    await page.getByRole("button", { name: "Clear all" }).click();
    await expect.poll(() => rowIds(page)).toHaveLength(10);
    expect(new URL(page.url()).search).toBe("");
    expect(problems(session)).toEqual([]);
  });

  it("shows a new audit and an outcome change live, and the focused row does not move", async () => {
    await page.setViewportSize({ width: 1280, height: 360 });
    await page.goto(web.url());
    await expect.poll(() => rowIds(page)).toHaveLength(10);
    await expect.poll(() => page.locator(".live-badge").getAttribute("data-status")).toBe("live");
    const focused = page.locator(`tr[data-audit-id="${(audits[5] as AuditWriter).auditId}"] a`);
    await focused.focus();
    const before = await focused.boundingBox();

    const fresh = new AuditWriter(now - HOUR / 2).started("greeter", "hotfix-live", 1);
    const done = newest.completed().records.at(-1) as EventRecord;
    await web.append([...fresh.records, done]);
    await expect.poll(() => rowIds(page)).toHaveLength(11);
    expect((await rowIds(page))[0]).toBe(fresh.auditId);
    await expect
      .poll(() => page.locator(`tr[data-audit-id="${newest.auditId}"] .badge`).textContent())
      .toBe("completed");
    expect(await focused.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await focused.boundingBox())?.y).toBeCloseTo(before?.y ?? Number.NaN, 0);
    expect(problems(session)).toEqual([]);
  });

  it("opens an audit from its row and comes back with the browser's Back", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(web.url("?project=greeter"));
    await page.getByRole("link", { name: "release-4" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("release-4");
    expect(new URL(page.url()).searchParams.get("audit")).toBe((audits[4] as AuditWriter).auditId);
    await page.goBack();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Audits");
    expect(await page.getByRole("combobox", { name: "Project" }).inputValue()).toBe("greeter");
    await page.goForward();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("release-4");
    expect(problems(session)).toEqual([]);
  });

  it("opens the newest audit from ?audit=latest, and one from a 4-character prefix, as the CLI takes them", async () => {
    const [newest] = await web.storage.listAudits({ limit: 1 });
    await page.goto(web.url("?audit=latest"));
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain(newest?.slug as string);
    // The shortest prefix of 4 characters or more that no other audit starts with.
    const id = (audits[4] as AuditWriter).auditId;
    const prefix = [4, 5, 6, 7, 8]
      .map((length) => id.slice(0, length))
      .find((p) => audits.filter((a) => a.auditId.startsWith(p)).length === 1);
    await page.goto(web.url(`?audit=${prefix}`));
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("release-4");
    expect(problems(session)).toEqual([]);
  });
});
