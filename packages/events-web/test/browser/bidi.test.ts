import { type BrowserSession, chromiumUnavailable } from "@phaser/browser-test-kit";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { closeBrowserSuite, openBrowserSuite, problems, type WebFixture } from "./harness.js";

/** A bidi formatting character (embeddings, overrides, isolates, marks): none may reach the page. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A stray PDI closes the `<bdi>` it is in, so the RLO after it reached the
 * page's own text; an RLO in a path reversed the UI's `+120 −3` after it; a
 * Hebrew path, legitimately right-to-left, took those numbers into its run.
 */
const audit = new AuditWriter(Date.now() - 60_000).started("shop\u2069\u202E", "spring-sale", 1);
audit.phase(1, "Invoices");
const spoofed = audit.add("file_modified", 1, {
  path: "src/invoice\u202Egnp.js",
  size_bytes: 10,
  lines_added: 120,
  lines_removed: 3,
});
const hebrew = audit.add("file_modified", 1, {
  path: "src/חשבונית",
  size_bytes: 10,
  lines_added: 120,
  lines_removed: 3,
});
audit.completedPhase(1, 0).completed();

/**
 * The left edge, as shown, of each character of `text` where it first occurs
 * in the element's text: increasing when the characters read left to right.
 */
function shownLefts(page: Page, selector: string, text: string): Promise<number[]> {
  return page.locator(selector).evaluate((element, text) => {
    const start = (element.textContent ?? "").indexOf(text);
    const lefts: number[] = [];
    if (start < 0) return lefts;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      const end = Math.min(start + text.length, offset + length);
      for (let i = Math.max(start, offset); i < end; i++) {
        const range = document.createRange();
        range.setStart(node, i - offset);
        range.setEnd(node, i - offset + 1);
        lefts.push(range.getBoundingClientRect().left);
      }
      offset += length;
    }
    return lefts;
  }, text);
}

const increasing = (values: number[]) =>
  values.every((v, i) => i === 0 || v > (values[i - 1] as number));

describe.skipIf(chromiumUnavailable())("bidi formatting characters in stored strings", () => {
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audit.records, {
      viewport: { width: 1280, height: 900 },
    }));
    await page.goto(web.url(`?audit=${audit.auditId}`));
    await page.locator(`tr[data-event-id="${hebrew.id}"]`).waitFor();
  });
  afterAll(() => closeBrowserSuite(web, session));

  it("are shown as <U+…> in the heading, whose outcome badge stays after the title", async () => {
    const heading = await page.locator(".audit-header h1").textContent();
    expect(heading).not.toMatch(BIDI_CONTROL);
    expect(heading).toContain("shop<U+2069><U+202E> / spring-sale");
    const right = (selector: string) =>
      page.locator(selector).evaluate((element) => element.getBoundingClientRect().right);
    const left = (selector: string) =>
      page.locator(selector).evaluate((element) => element.getBoundingClientRect().left);
    expect(await left(".audit-header h1 .badge")).toBeGreaterThanOrEqual(
      await right(".audit-header h1 bdi:last-of-type"),
    );
    expect(problems(session)).toEqual([]);
  });

  it("are shown as <U+…> in the event table, and cannot reverse the row's +120 −3", async () => {
    const cell = `tr[data-event-id="${spoofed.id}"] td.summary`;
    const summary = await page.locator(cell).textContent();
    expect(summary).toBe("src/invoice<U+202E>gnp.js (+120 −3)");
    const lefts = await shownLefts(page, cell, "gnp.js (+120 −3)");
    expect(lefts).toHaveLength(16);
    expect(increasing(lefts), `left edges ${lefts.join(", ")}`).toBe(true);
  });

  it("leave right-to-left text as it is, and it does not take the row's numbers into its run", async () => {
    const cell = `tr[data-event-id="${hebrew.id}"] td.summary`;
    expect(await page.locator(cell).textContent()).toBe("src/חשבונית (+120 −3)");
    const lefts = await shownLefts(page, cell, "(+120 −3)");
    expect(lefts).toHaveLength(9);
    expect(increasing(lefts), `left edges ${lefts.join(", ")}`).toBe(true);
  });
});
