import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserSession, chromiumUnavailable, saveScreenshot } from "@phaser/browser-test-kit";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAuditReport } from "../../src/index.js";
import { AuditWriter } from "./fixtures.js";
import {
  closeBrowserSuite,
  openBrowserSuite,
  problems,
  SCREENSHOTS,
  type WebFixture,
} from "./harness.js";

/** One audit of `project` started at `start`, its phase taking `seconds`, ending as `end` says. */
function audit(
  project: string,
  start: string,
  seconds: number,
  end: "completed" | "failed" | "abandoned" | "running",
): AuditWriter {
  const writer = new AuditWriter(start).started(project, `release-${start.slice(5, 10)}`, 1);
  writer.phase(1, "Build");
  writer.add("file_modified", 1, {
    path: "src/app.ts",
    size_bytes: 9,
    lines_added: 2,
    lines_removed: 1,
  });
  if (end === "running") return writer;
  if (end === "failed") {
    writer.verify(1, "npm test", 1, "1 failing");
    writer.add("phase_failed", 1, {
      error: "npm test failed",
      attempts: 1,
      duration_seconds: seconds,
    });
    return writer.abandoned("error");
  }
  writer.verify(1, "npm test", 0);
  writer.add("phase_completed", 1, {
    duration_seconds: seconds,
    files_created: 0,
    files_modified: 1,
    verification_count: 1,
  });
  return end === "completed" ? writer.completed() : writer.abandoned("user_request");
}

/**
 * greeter from Monday 1 to Wednesday 10 December 2025 (ten days, two weeks):
 * on the 1st one completed and one failed, on the 3rd one completed, on the
 * 10th one abandoned; its phases took 10 s, 20 s, 90 s and 30 s (p50 20 s,
 * p95 90 s, mean 37.5 s). billing: one audit still running on the 2nd.
 */
const audits = [
  audit("greeter", "2025-12-01T09:00:00.000Z", 10, "completed"),
  audit("greeter", "2025-12-01T15:00:00.000Z", 20, "failed"),
  audit("greeter", "2025-12-03T11:00:00.000Z", 90, "completed"),
  audit("greeter", "2025-12-10T08:00:00.000Z", 30, "abandoned"),
  audit("billing", "2025-12-02T12:00:00.000Z", 0, "running"),
];

describe.skipIf(chromiumUnavailable())("the insights view", () => {
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audits.flatMap((a) => a.records)));
  });
  afterAll(() => closeBrowserSuite(web, session));

  const card = (project: string) =>
    page.getByRole("article").filter({ has: page.getByRole("heading", { name: project }) });
  /** Each bucket's tooltip, in order. */
  const tooltips = (project: string) =>
    card(project)
      .locator("svg g.bucket > title")
      .evaluateAll((titles) => titles.map((t) => t.textContent ?? ""));

  it("charts each project's audits and success rate per day, with p50 and p95", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(web.url("?view=insights&period=all"));
    await expect.poll(() => tooltips("greeter").then((t) => t.length)).toBe(10);
    const greeter = await tooltips("greeter");
    expect(greeter[0]).toBe(
      "2025-12-01: 2 audits (1 completed, 1 failed, 0 abandoned, 0 in progress) · phase success rate 50 % (1 of 2 phases) · phase duration p50 10.0 s, p95 20.0 s",
    );
    expect(greeter[1]).toContain("2025-12-02: 0 audits");
    expect(greeter[2]).toContain("2025-12-03: 1 audits (1 completed,");
    expect(greeter[9]).toContain("2025-12-10: 1 audits (0 completed, 0 failed, 1 abandoned,");
    // The bars: one rect per outcome with audits, sized by count.
    const bars = await card("greeter")
      .locator("g.bucket rect[data-outcome]")
      .evaluateAll((rects) =>
        rects.map((r) => [
          r.closest("g")?.getAttribute("data-start")?.slice(0, 10),
          r.getAttribute("data-outcome"),
          r.getAttribute("data-count"),
        ]),
      );
    expect(bars).toEqual([
      ["2025-12-01", "completed", "1"],
      ["2025-12-01", "failed", "1"],
      ["2025-12-03", "completed", "1"],
      ["2025-12-10", "abandoned", "1"],
    ]);
    // The outcome bar above the chart counts the failed audit apart from the abandoned one, as the chart does.
    expect(await card("greeter").locator("ul.legend").textContent()).toBe(
      "completed: 2failed: 1abandoned: 1in progress: 0",
    );
    // The success-rate line has a point per day on which a phase ended.
    expect(await card("greeter").locator("circle.rate-point").count()).toBe(3);
    expect(await tooltips("billing")).toHaveLength(10);
    const chart = card("greeter").getByRole("img");
    expect(await chart.getAttribute("aria-label")).toContain(
      "greeter: audits per day from 2025-12-01 to 2025-12-10, 10 buckets: 4 audits (2 completed, 1 failed, 1 abandoned, 0 in progress)",
    );
    // The same numbers as a table.
    const row = card("greeter").locator('tr[data-start="2025-12-01T00:00:00.000Z"]');
    expect(await row.locator("th, td").allTextContents()).toEqual([
      "2025-12-01",
      "2",
      "1",
      "1",
      "0",
      "0",
      "50 %",
      "10.0 s",
      "20.0 s",
    ]);
    expect(await card("greeter").getByText("p50 20.0 s · p95 1 m 30 s · 4 phases").count()).toBe(1);
    expect(await page.getByRole("combobox", { name: "Chart by" }).inputValue()).toBe("");
    expect(await page.getByText(/charted by day/).count()).toBe(1);
    await saveScreenshot(page, SCREENSHOTS, "insights");
    expect(problems(session)).toEqual([]);
  });

  it("changes the unit from its control, in the URL, kept on reload", async () => {
    await page.goto(web.url("?view=insights&period=all"));
    await expect.poll(() => tooltips("greeter").then((t) => t.length)).toBe(10);
    await page.getByRole("combobox", { name: "Chart by" }).selectOption("week");
    await expect
      .poll(() => tooltips("greeter"))
      .toEqual([
        expect.stringContaining("week of 2025-12-01: 3 audits (2 completed, 1 failed, 0 abandoned"),
        expect.stringContaining("week of 2025-12-08: 1 audits (0 completed, 0 failed, 1 abandoned"),
      ]);
    expect(new URL(page.url()).searchParams.get("unit")).toBe("week");
    await page.reload();
    await expect.poll(() => tooltips("greeter").then((t) => t.length)).toBe(2);
    expect(await page.getByRole("combobox", { name: "Chart by" }).inputValue()).toBe("week");
    await page.getByRole("combobox", { name: "Chart by" }).selectOption("month");
    await expect.poll(() => tooltips("greeter").then((t) => t.length)).toBe(1);
    expect(page.url()).toContain("unit=month");
    expect(problems(session)).toEqual([]);
  });

  it("shows insights for a chosen period, kept in the URL", async () => {
    await page.goto(web.url("?view=insights&period=all"));
    await expect.poll(() => card("greeter").count()).toBe(1);
    expect(await card("greeter").getByText("Phase success rate", { exact: true }).count()).toBe(1);
    expect(
      await page
        .getByRole("list", { name: /Failures per check/ })
        .first()
        .textContent(),
    ).toContain("npm test");
    // The fixtures are from December 2025: none in the last 7 days.
    await page.getByRole("combobox", { name: "Period" }).selectOption("7d");
    await expect.poll(() => page.getByText("No audit in this period.").count()).toBe(1);
    expect(page.url()).toContain("period=7d");
    await page.getByRole("combobox", { name: "Period" }).selectOption("custom");
    await page.getByRole("textbox", { name: "Since" }).fill("2025-12-03");
    await expect
      .poll(() => page.getByText(/audits, \d+ events since 2025-12-03T00:00:00.000Z/).count())
      .toBe(1);
    expect(page.url()).toContain("since=2025-12-03");
    await page.reload();
    await expect.poll(() => card("greeter").count()).toBe(1);
    expect(await page.getByRole("textbox", { name: "Since" }).inputValue()).toBe("2025-12-03");
    expect(problems(session)).toEqual([]);
  });

  it("says why a unit is refused, and mends when another is chosen", async () => {
    const before = session.problems().length;
    // Days since 2020 are more buckets than a chart has.
    await page.goto(web.url("?view=insights&since=2020-01-01&unit=day"));
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("unit: 2020-01-01T00:00:00.000Z to ");
    expect(await page.getByRole("alert").textContent()).toContain(
      "by day is more than 200 buckets: choose a longer unit or a shorter period",
    );
    await page.getByRole("combobox", { name: "Chart by" }).selectOption("month");
    await expect.poll(() => card("greeter").count()).toBe(1);
    expect(page.url()).toContain("unit=month");
    // The browser logs the 400 answer itself; nothing else went wrong.
    expect(problems(session, before).map((p) => [p.kind, p.message])).toEqual([
      ["console-error", expect.stringContaining("400")],
    ]);
  });

  it("charts the trend in a self-contained report too, from its embedded records", async () => {
    const file = join(web.dir, "report.html");
    await writeFile(file, await renderAuditReport({ records: audits.flatMap((a) => a.records) }));
    const offline = await session.newPage({ offline: true });
    try {
      await offline.goto(`${pathToFileURL(file).href}#view=insights&period=all&unit=week`);
      const titles = offline
        .getByRole("article")
        .filter({ has: offline.getByRole("heading", { name: "greeter" }) })
        .locator("svg g.bucket > title");
      await expect
        .poll(() => titles.allTextContents())
        .toEqual([
          expect.stringContaining("week of 2025-12-01: 3 audits (2 completed, 1 failed"),
          expect.stringContaining(
            "week of 2025-12-08: 1 audits (0 completed, 0 failed, 1 abandoned",
          ),
        ]);
    } finally {
      await offline.close();
    }
  });
});
