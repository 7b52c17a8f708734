import type { BrowserSession } from "@phaser/browser-test-kit";
import { chromiumUnavailable } from "@phaser/browser-test-kit";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { closeBrowserSuite, openBrowserSuite, problems, type WebFixture } from "./harness.js";

/** An audit of greeter started at `start`: one phase that completed, or failed and ended it. */
function audit(start: string, end: "completed" | "failed"): AuditWriter {
  const writer = new AuditWriter(start).started("greeter", `release-${start.slice(0, 10)}`, 1);
  writer.phase(1, "Build");
  if (end === "failed") return writer.failedPhase(1, "npm test failed", 1).abandoned("error");
  return writer.completedPhase(1, 0).completed();
}

/**
 * More than 200 months: one audit from a writer whose clock said 1970, and
 * two in December 2025 (one completed, one failed).
 */
const audits = [
  audit("1970-01-01T00:00:00.000Z", "completed"),
  audit("2025-12-01T09:00:00.000Z", "completed"),
  audit("2025-12-03T09:00:00.000Z", "failed"),
];

describe.skipIf(chromiumUnavailable())("the insights view over a store of 56 years", () => {
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audits.flatMap((a) => a.records)));
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  afterAll(() => closeBrowserSuite(web, session));

  const card = () =>
    page.getByRole("article").filter({ has: page.getByRole("heading", { name: "greeter" }) });
  const tooltips = () =>
    card()
      .locator("svg g.bucket > title")
      .evaluateAll((titles) => titles.map((t) => t.textContent ?? ""));

  it("shows all time's numbers and charts it by year when the unit is automatic", async () => {
    await page.goto(web.url("?view=insights&period=all"));
    await expect.poll(() => tooltips().then((t) => t.length)).toBe(56);
    const years = await tooltips();
    expect(years[0]).toMatch(/^1970: 1 audits \(1 completed, 0 failed/);
    expect(years[55]).toMatch(/^2025: 2 audits \(1 completed, 1 failed/);
    expect(await page.getByText("3 audits, ", { exact: false }).textContent()).toMatch(
      /charted by year$/,
    );
    expect(
      await page.getByRole("combobox", { name: "Chart by" }).locator("option").allTextContents(),
    ).toEqual(["Automatic (year)", "day", "week", "month", "year"]);
    expect(await card().locator("ul.legend").textContent()).toBe(
      "completed: 2failed: 1abandoned: 0in progress: 0",
    );
    expect(await card().getByText("Phase success rate", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("note").count()).toBe(0);
    expect(problems(session)).toEqual([]);
  });

  it("keeps the numbers and charts the latest 200 months when month is chosen, saying so", async () => {
    await page.goto(web.url("?view=insights&period=all&unit=month"));
    await expect.poll(() => tooltips().then((t) => t.length)).toBe(200);
    expect((await tooltips()).at(-1)).toMatch(/^2025-12: 2 audits \(1 completed, 1 failed/);
    expect(await page.getByRole("note").textContent()).toMatch(
      /^The period has 672 months, more than the 200 a chart holds: it shows the latest 200, from \d{4}-\d{2}-01\. By year, it holds the whole period\.$/,
    );
    // Every audit of the period in the outcome bar, the 1970 one too.
    expect(await card().locator("ul.legend").textContent()).toBe(
      "completed: 2failed: 1abandoned: 0in progress: 0",
    );
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(problems(session)).toEqual([]);
  });

  it("charts from the earliest ISO date there is", async () => {
    await page.goto(web.url("?view=insights&since=-271821-04-20"));
    await expect.poll(() => tooltips().then((t) => t.length)).toBe(200);
    expect(
      await page
        .getByText(/3 audits, \d+ events since -271821-04-20T00:00:00.000Z, charted by year/)
        .count(),
    ).toBe(1);
    expect(await page.getByRole("note").textContent()).toContain("The period has 273");
    expect(await card().locator("ul.legend").textContent()).toContain("failed: 1");
    expect(problems(session)).toEqual([]);
  });

  it("says a custom since is not a date, rather than showing all time", async () => {
    const requests: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/insights")) requests.push(request.url());
    });
    for (const since of ["garbage", "1"]) {
      await page.goto(web.url(`?view=insights&period=custom&since=${since}`));
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe(
          `The period's start “${since}” is not a date: give an ISO 8601 date or time, UTC unless it has an offset (2025-12-01, 2025-12-01T10:15:30Z, 2025-12-01T12:15:30+02:00).`,
        );
      expect(await page.getByRole("combobox", { name: "Period" }).inputValue()).toBe("custom");
      expect(await page.getByRole("textbox", { name: "Since" }).getAttribute("aria-invalid")).toBe(
        "true",
      );
      expect(await card().count()).toBe(0);
      expect(await page.getByText(/audits, \d+ events/).count()).toBe(0);
    }
    expect(requests).toEqual([]);
    // A date mends it.
    await page.getByRole("textbox", { name: "Since" }).fill("2025-12-02");
    await expect
      .poll(() => page.getByText(/1 audits, \d+ events since 2025-12-02T00:00:00.000Z/).count())
      .toBe(1);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(problems(session)).toEqual([]);
  });
});
