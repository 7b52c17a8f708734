import { type BrowserSession, chromiumUnavailable } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { closeBrowserSuite, openBrowserSuite, problems, type WebFixture } from "./harness.js";

/** What the detail pane draws of a long text until asked for all (src/ui/format/cut-text.ts). */
const TEXT_MAX = 10_000;
/** Room for the note under a cut text: how many characters were left out, and its button. */
const NOTE_MAX = 200;

// A 5 MB command (no payload field limits its length) and a 10 MB phase error, of 200-character lines.
const COMMAND = `node ${"c".repeat(5_000_000 - 5)}`;
const ERROR = `${"e".repeat(199)}\n`.repeat(50_000);
const audit = new AuditWriter("2025-12-05T10:15:30.000Z", "9e4b2d7c-1a5f-4c3e-8b6d-7f0a2e9c4b18");
audit.started("huge", "long-strings", 1);
audit.phase(1, "Check with a very long command");
const attempt: EventRecord = audit.verify(1, COMMAND, 1, "failed");
audit.failedPhase(1, ERROR, 1);
audit.abandoned("error");

/** The length of the text of `locator`'s element, read in the page (not sent to the test). */
const length = (locator: Locator) => locator.evaluate((element) => element.textContent?.length);

describe.skipIf(chromiumUnavailable())("very long stored strings", () => {
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audit.records, {
      viewport: { width: 1300, height: 800 },
    }));
  });
  afterAll(() => closeBrowserSuite(web, session));

  it("a 5 MB command is drawn cut, with a note; Show all draws it whole, Show less cuts it again", async () => {
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await expect.poll(() => new URL(page.url()).searchParams.get("attempt")).toBe(attempt.id);
    const detail = page.getByRole("region", { name: /Verification, attempt 1/ });
    const command = detail.locator("dd", { has: page.locator("code.command") });
    expect(await length(command)).toBeLessThanOrEqual(TEXT_MAX + NOTE_MAX);
    expect(await length(command.locator("code"))).toBe(TEXT_MAX);
    expect(await command.locator(".cut-note").textContent()).toContain(
      "4,990,000 more characters not shown",
    );
    // Its box is a few screens tall, not a million pixels.
    const box = await command.boundingBox();
    expect(box?.height).toBeLessThan(20_000);
    // The chart's label and the table's summary show a line of it.
    expect(await length(page.locator(`.gantt-row[data-key="a${attempt.id}"] .gantt-label`))).toBe(
      300,
    );
    expect(await length(page.locator(`tr[data-event-id="${attempt.id}"] td.summary`))).toBe(300);

    await command.getByRole("button", { name: "Show all" }).click();
    await expect.poll(() => length(command.locator("code"))).toBe(COMMAND.length);
    expect(await command.locator("code").evaluate((code) => code.textContent?.endsWith("c"))).toBe(
      true,
    );
    await command.getByRole("button", { name: "Show less" }).click();
    await expect.poll(() => length(command.locator("code"))).toBe(TEXT_MAX);
    expect(problems(session)).toEqual([]);
  });

  it("a 10 MB error is drawn cut when its phase is selected; Show all is reached and pressed by keyboard", async () => {
    await page.getByRole("button", { name: /^Phase 1: Check with a very long command/ }).click();
    const error = page.locator("pre.error-output");
    await expect.poll(() => length(error)).toBe(TEXT_MAX);
    expect(await error.textContent()).toBe(ERROR.slice(0, TEXT_MAX));
    expect(await page.locator(".detail .cut-note").textContent()).toContain(
      "9,990,000 more characters not shown (10,000,000 in all)",
    );
    await error.focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Show all");
    await page.keyboard.press("Enter");
    await expect.poll(() => length(error), { timeout: 15_000 }).toBe(ERROR.length);
    // The button keeps focus: it now cuts the text again.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      "Show less",
    );
    // Another selection opens cut again.
    await page.getByRole("button", { name: /^attempt 1: node c/ }).click();
    await page.getByRole("button", { name: /^Phase 1: Check/ }).click();
    await expect.poll(() => length(error)).toBe(TEXT_MAX);
    expect(problems(session)).toEqual([]);
  });
});
