import { type BrowserSession, chromiumUnavailable, saveScreenshot } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditWithRetries } from "./fixtures.js";
import {
  closeBrowserSuite,
  openBrowserSuite,
  problems,
  SCREENSHOTS,
  type WebFixture,
} from "./harness.js";

// A fixed start and id: the screenshot comes out the same on every run.
const audit = auditWithRetries(
  "2025-12-05T10:15:30.000Z",
  60,
  "4f1c2a9e-8d3b-4c6a-9e2f-1b7d5a0c3e48",
);
const byType = (type: string, phase: number) =>
  audit.records.filter((r) => r.type === type && r.phase === phase) as EventRecord[];
const flaky = byType("verification_failed", 1)[0] as EventRecord;
const certificate = byType("verification_failed", 2);
const lastCertificate = certificate[2] as EventRecord;

/** The selection in the page's address: phase and attempt. */
function selection(page: Page) {
  const params = new URL(page.url()).searchParams;
  return { phase: params.get("phase"), attempt: params.get("attempt") };
}

/** Whether the element is inside its scrolling container's visible box (and that box in the window). */
function inView(page: Page, selector: string) {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    let parent = element.parentElement;
    while (parent && !/(auto|scroll)/.test(getComputedStyle(parent).overflowY))
      parent = parent.parentElement;
    const frame = (parent ?? document.documentElement).getBoundingClientRect();
    return box.top >= frame.top && box.bottom <= frame.bottom + 1;
  });
}

/** Scrolls the event table to a record's row (it draws only the rows in view) and clicks it. */
async function pickEvent(page: Page, id: string) {
  const index = audit.records.findIndex((r) => r.id === id);
  await page.locator(".event-table-scroll").evaluate(
    (el, top) => {
      el.scrollTop = top;
    },
    index * 28 - 100,
  );
  await page.locator(`tr[data-event-id="${id}"]`).click();
}

const bar = (page: Page, name: RegExp) => page.getByRole("button", { name });
const pressed = (page: Page) =>
  page
    .locator('button.bar[aria-pressed="true"]')
    .evaluateAll((bars) => bars.map((b) => b.getAttribute("data-key")));

describe.skipIf(chromiumUnavailable())("one audit", () => {
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audit.records, {
      viewport: { width: 1440, height: 800 },
    }));
  });
  afterAll(() => closeBrowserSuite(web, session));

  it("opens on the failed phase's deciding attempt: selected, in view in chart and table, its output shown", async () => {
    await page.goto(web.url(`?audit=${audit.auditId.slice(0, 8)}`));
    // Phase 1's failed attempt was cleared by its retry: the view opens where phase 2 failed.
    await expect.poll(() => selection(page)).toEqual({ phase: "2", attempt: lastCertificate.id });
    expect(await pressed(page)).toEqual([`a${lastCertificate.id}`]);
    const row = `tr[data-event-id="${lastCertificate.id}"]`;
    expect(await page.locator(row).getAttribute("class")).toBe("highlight");
    await expect.poll(() => inView(page, row)).toBe(true);
    const detail = page.getByRole("region", { name: /Verification, attempt 3/ });
    expect(await detail.locator("dd").allTextContents()).toEqual(
      expect.arrayContaining(["node checks/certificate.js", "1", "140 ms", "3"]),
    );
    expect(await detail.locator("pre").textContent()).toBe(
      "ENOENT: no such file, open 'certs/dev.pem' (try 3)",
    );
    await saveScreenshot(page, SCREENSHOTS, "audit-failure");
    expect(problems(session)).toEqual([]);
  });

  it("selecting a bar highlights its events in the table and scrolls to them; the detail shows the attempt", async () => {
    await bar(page, /^attempt 1: node checks\/warm-cache\.js/).click();
    await expect.poll(() => selection(page)).toEqual({ phase: "1", attempt: flaky.id });
    expect(await page.locator("tr.highlight").getAttribute("data-event-id")).toBe(flaky.id);
    const detail = page.getByRole("region", { name: /Verification, attempt 1/ });
    expect(await detail.locator("pre").textContent()).toBe("cache was cold: filled it");
    expect(await detail.textContent()).toContain("node checks/warm-cache.js");

    // Phase 1's first events are 60 rows above: the table scrolls to them.
    await bar(page, /^Phase 1: Add an HTTP request handler/).click();
    const started = byType("phase_started", 1)[0] as EventRecord;
    await expect.poll(() => inView(page, `tr[data-event-id="${started.id}"]`)).toBe(true);
    expect(await page.locator(`tr[data-event-id="${started.id}"]`).getAttribute("class")).toBe(
      "highlight",
    );

    await bar(page, /^Phase 2: Serve over HTTPS/).click();
    await expect.poll(() => page.locator("tr.highlight").count()).toBe(byTypeCount(2));
    expect(problems(session)).toEqual([]);
  });

  it("picking a table row selects its bar, and a phase shows its file changes and error", async () => {
    const created = audit.records.find(
      (r) => r.type === "file_created" && r.phase === 1,
    ) as EventRecord;
    await pickEvent(page, created.id);
    await expect.poll(() => pressed(page)).toEqual(["p1"]);
    const detail = page.getByRole("region", { name: /Phase 1: Add an HTTP request handler/ });
    const files = await detail.locator(".files li").allTextContents();
    expect(files).toContain("created src/server.js");
    expect(files).toContain("deleted src/legacy.js");
    expect(await detail.locator(".file-modified").textContent()).toMatch(
      /modified README\.md\s*\+7\s*−3/,
    );

    await pickEvent(page, certificate[1]?.id as string);
    await expect.poll(() => pressed(page)).toEqual([`a${certificate[1]?.id}`]);
    await expect
      .poll(() => inView(page, `button.bar[data-key="a${certificate[1]?.id}"]`))
      .toBe(true);
    const failed = byType("phase_failed", 2)[0] as EventRecord;
    await pickEvent(page, failed.id);
    const phase2 = page.getByRole("region", { name: /Phase 2: Serve over HTTPS/ });
    expect(await phase2.locator("pre").textContent()).toContain(
      "Verification command failed with exit code 1",
    );
    expect(problems(session)).toEqual([]);
  });

  it("a table filter hides events and dims the chart rows without a match; the URL keeps it", async () => {
    await page.getByRole("combobox", { name: "Type" }).selectOption("verification_failed");
    await expect.poll(() => page.locator("table.event-table tbody tr").count()).toBe(4);
    expect(new URL(page.url()).searchParams.get("type")).toBe("verification_failed");
    const dimmed = await page
      .locator(".gantt-row.dim")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key")));
    const passed = byType("verification_passed", 1)[0] as EventRecord;
    expect(dimmed).toEqual([`a${passed.id}`, "p3"]);
    await page.getByRole("combobox", { name: "Phase" }).selectOption("2");
    await expect.poll(() => page.locator("table.event-table tbody tr").count()).toBe(3);
    await page.reload();
    await expect.poll(() => page.locator("table.event-table tbody tr").count()).toBe(3);
    expect(await page.getByRole("combobox", { name: "Phase" }).inputValue()).toBe("2");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => page.locator(".gantt-row.dim").count()).toBe(0);
    expect(problems(session)).toEqual([]);
  });

  it("zooms with buttons and keys (+, −, 0), keeping the zoom in the URL", async () => {
    const width = () =>
      page.locator(".gantt-grid").evaluate((grid) => grid.getBoundingClientRect().width);
    const fitted = await width();
    await page.getByRole("button", { name: "Zoom in" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("zoom")).toBe("1.5");
    await page.locator("button.bar").first().focus();
    await page.keyboard.press("+");
    await expect.poll(() => new URL(page.url()).searchParams.get("zoom")).toBe("2.25");
    expect(await width()).toBeGreaterThan(fitted * 1.5);
    await page.keyboard.press("-");
    await expect.poll(() => new URL(page.url()).searchParams.get("zoom")).toBe("1.5");
    await page.keyboard.press("0");
    await expect.poll(() => new URL(page.url()).searchParams.get("zoom")).toBe(null);
    expect(await width()).toBeCloseTo(fitted, 0);
    expect(problems(session)).toEqual([]);
  });

  it("shows a tooltip on hover and on focus (start, end, duration, attempt); Escape closes it", async () => {
    const target = bar(page, /^attempt 2: node checks\/certificate\.js/);
    await target.hover();
    const tooltip = page.getByRole("tooltip");
    await expect.poll(() => tooltip.count()).toBe(1);
    const text = await tooltip.textContent();
    for (const word of ["Start", "End", "Duration", "140 ms", "Attempt2"])
      expect(text).toContain(word);
    expect(await target.getAttribute("aria-describedby")).toBe("gantt-tooltip");
    await page.mouse.move(0, 0);
    await expect.poll(() => tooltip.count()).toBe(0);
    await target.focus();
    await expect.poll(() => tooltip.count()).toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => tooltip.count()).toBe(0);
    expect(problems(session)).toEqual([]);
  });

  it("a deep link shows the same selection, filter and zoom; Back and Forward move between selections", async () => {
    const link = `?audit=${audit.auditId}&phase=2&attempt=${certificate[0]?.id}&in_phase=2&zoom=2`;
    const other = await session.newPage({ viewport: { width: 1440, height: 800 } });
    await other.goto(web.url(link));
    await expect.poll(() => pressed(other)).toEqual([`a${certificate[0]?.id}`]);
    expect(await other.locator(".zoom-level").textContent()).toBe("×2");
    expect(await other.getByRole("combobox", { name: "Phase" }).inputValue()).toBe("2");
    await bar(other, /^Phase 1:/).click();
    await expect.poll(() => pressed(other)).toEqual(["p1"]);
    await other.goBack();
    await expect.poll(() => pressed(other)).toEqual([`a${certificate[0]?.id}`]);
    await other.goForward();
    await expect.poll(() => pressed(other)).toEqual(["p1"]);
    await other.close();
    expect(problems(session)).toEqual([]);
  });

  it("works from the keyboard alone: Tab to the chart, arrows to an attempt, Enter, Tab to its output", async () => {
    await page.goto(web.url(`?audit=${audit.auditId}&phase=1`));
    await expect.poll(() => pressed(page)).toEqual(["p1"]);
    let tabs = 0;
    while (
      !(await page.evaluate(() => document.activeElement?.classList.contains("bar") ?? false))
    ) {
      await page.keyboard.press("Tab");
      tabs += 1;
      expect(tabs).toBeLessThan(20);
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-key"))).toBe("p1");
    // Phase 1's two attempts, then phase 2 and its first two attempts.
    for (let i = 0; i < 5; i += 1) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => selection(page)).toEqual({ phase: "2", attempt: certificate[1]?.id });
    while (!(await page.evaluate(() => document.activeElement?.matches("pre.output") ?? false))) {
      await page.keyboard.press("Tab");
      tabs += 1;
      expect(tabs).toBeLessThan(40);
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("(try 2)");
    expect(problems(session)).toEqual([]);
  });
});

function byTypeCount(phase: number): number {
  return audit.records.filter((r) => r.phase === phase).length;
}
