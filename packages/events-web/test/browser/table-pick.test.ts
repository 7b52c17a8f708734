import { type BrowserSession, chromiumUnavailable } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditWriter } from "./fixtures.js";
import { closeBrowserSuite, openBrowserSuite, problems, type WebFixture } from "./harness.js";

// A run still going, with no failure: the view opens with nothing selected. Phase 1 made 400
// files and passed, phase 2 has made 200 so far: 600 events besides the phases' own.
const audit = new AuditWriter("2025-12-05T10:15:30.000Z", "3c9d1e7a-5b2f-4a8c-9d6e-0f4b2a7c1e95");
audit.started("greeter", "still-running", 2);
const files: EventRecord[] = [];
for (let i = 0; i < 600; i += 1) {
  if (i === 0) audit.phase(1, "Generate the first half");
  if (i === 400) {
    audit.completedPhase(1, 0);
    audit.phase(2, "Generate the second half");
  }
  files.push(audit.add("file_created", i < 400 ? 1 : 2, { path: `src/file-${i}.js` }, 5));
}

const scroller = (page: Page) => page.locator(".event-table-scroll");
const scrollTop = (page: Page) => scroller(page).evaluate((el) => el.scrollTop);
/** The id of the table row that has focus, or is focus's ancestor; null when focus is elsewhere. */
const focusedRow = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.closest<HTMLElement>("tr[data-event-id]")?.dataset.eventId ?? null,
  );
/** Two frames: what the pick made the page do (draw, reveal, scroll) is done. */
const settle = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

/**
 * Opens the audit (`query` adds to the link: nothing selected without it), and scrolls its
 * table so `file` is in the middle of it; `shown`: the rows the table shows. Returns scrollTop.
 */
async function openScrolledTo(
  page: Page,
  web: WebFixture,
  file: EventRecord,
  { query = "", shown = audit.records }: { query?: string; shown?: readonly EventRecord[] } = {},
): Promise<number> {
  await page.goto(web.url(`?audit=${audit.auditId}${query}`));
  await expect.poll(() => page.locator("table.event-table tbody tr").count()).toBeGreaterThan(1);
  const index = shown.indexOf(file);
  await scroller(page).evaluate(
    (el, top) => {
      el.scrollTop = top;
    },
    index * 28 - 200,
  );
  await expect.poll(() => page.locator(`tr[data-event-id="${file.id}"]`).count()).toBe(1);
  return scrollTop(page);
}

describe.skipIf(chromiumUnavailable())("picking an event in the table", () => {
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audit.records, {
      viewport: { width: 1300, height: 800 },
    }));
  });
  afterAll(() => closeBrowserSuite(web, session));

  it("with a click, leaves the table where it was, the row drawn and focused", async () => {
    const file = files[300] as EventRecord;
    const before = await openScrolledTo(page, web, file);
    expect(new URL(page.url()).searchParams.get("phase")).toBe(null);
    expect(before).toBeGreaterThan(7000);
    const row = page.locator(`tr[data-event-id="${file.id}"]`);
    const top = (await row.boundingBox())?.y;
    await row.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("phase")).toBe("1");
    await expect.poll(() => page.locator("tr.highlight").count()).toBeGreaterThan(0);
    await settle(page);
    expect(Math.abs((await scrollTop(page)) - before)).toBeLessThanOrEqual(28);
    expect((await row.boundingBox())?.y).toBeCloseTo(top ?? -1, 0);
    expect(await focusedRow(page)).toBe(file.id);
    expect(problems(session)).toEqual([]);
  });

  it("with Enter, leaves the table where it was and the row focused", async () => {
    const file = files[450] as EventRecord;
    const before = await openScrolledTo(page, web, file);
    await page.locator(`tr[data-event-id="${file.id}"]`).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("phase")).toBe("2");
    await settle(page);
    expect(Math.abs((await scrollTop(page)) - before)).toBeLessThanOrEqual(28);
    expect(await focusedRow(page)).toBe(file.id);
    // A second pick, in the other phase, moves nothing either.
    const other = files[250] as EventRecord;
    await scroller(page).evaluate(
      (el, top) => {
        el.scrollTop = top;
      },
      audit.records.indexOf(other) * 28 - 200,
    );
    const again = await scrollTop(page);
    await page.locator(`tr[data-event-id="${other.id}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("phase")).toBe("1");
    await settle(page);
    expect(Math.abs((await scrollTop(page)) - again)).toBeLessThanOrEqual(28);
    expect(await focusedRow(page)).toBe(other.id);
    expect(problems(session)).toEqual([]);
  });

  it("leaves the table where it was when the deep link's selection was filtered out of it", async () => {
    // Phase 2 selected, the table showing phase 1 only: the link's reveal has no row to go to.
    const file = files[300] as EventRecord;
    const before = await openScrolledTo(page, web, file, {
      query: "&phase=2&in_phase=1",
      shown: audit.records.filter((r) => r.phase === 1),
    });
    await page.locator(`tr[data-event-id="${file.id}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("phase")).toBe("1");
    await settle(page);
    expect(Math.abs((await scrollTop(page)) - before)).toBeLessThanOrEqual(28);
    expect(await focusedRow(page)).toBe(file.id);
    expect(problems(session)).toEqual([]);
  });
});
