import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserSession, chromiumUnavailable } from "@phaser/browser-test-kit";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAuditReport } from "../../src/index.js";
import { AuditWriter } from "./fixtures.js";
import { closeBrowserSuite, openBrowserSuite, problems, type WebFixture } from "./harness.js";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';
const OSC52 = "\x1b]52;c;AAAA\x07";
const CLEAR = "\x1b[2J";
const RED = "\x1b[31m";
const RTL = "\u202Eevil.exe";
const LONG = `${"x".repeat(9_990)}-the-end`;
/** Every hostile piece in one string: the visible ones must show as text, the escapes never reach the DOM. */
const ALL = `${SCRIPT}${IMG}${OSC52}${CLEAR}${RED}${RTL}`;
/** What `ALL` shows as: the terminal controls gone, the bidi override shown as its code point. */
const SHOWN = `${SCRIPT}${IMG}<U+202E>evil.exe`;
/** A window title left unterminated (no BEL): it ends at its line, and the lines after it stay. */
const TITLE_THEN_FAIL = "PASS a\n\x1b]0;jest\nFAIL b\nAssertionError: expected 3, got 4";
const OUTPUT = `out${ALL}\n${"y".repeat(800)}\n${TITLE_THEN_FAIL}`;
const OUTPUT_SHOWN = `out${SHOWN}\n${"y".repeat(800)}\nPASS a\n\nFAIL b\nAssertionError: expected 3, got 4`;

/** An audit with a hostile string in every free-text field the UI shows (reasons are an enum). */
function hostileAudit(): AuditWriter {
  const audit = new AuditWriter(Date.now() - 60_000).started(`p${ALL}`, `s${ALL}`, 2);
  audit.add("phase_started", 1, { description: `title${ALL}`, file: `file${ALL}` });
  audit.add("file_created", 1, { path: `path${ALL}`, size_bytes: 1 });
  audit.add("file_modified", 1, { path: LONG, size_bytes: 1, lines_added: 1, lines_removed: 1 });
  audit.verify(1, `cmd${ALL}`, 1, OUTPUT);
  audit.verify(1, LONG, 2, "second");
  audit.add("phase_failed", 1, { error: `err${ALL}\n${LONG}`, attempts: 2, duration_seconds: 1 });
  audit.add("phase_skipped", 2, { reason: "dependency_failed" });
  audit.abandoned("error");
  return audit;
}

/** Fails on any dialog (alert, confirm…) the page opens. */
function noDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** What a page must show after rendering the hostile audit: text, and nothing executed or injected. */
async function expectInert(page: Page, dialogs: string[], texts: string[]) {
  const body = await page.locator("#app").textContent();
  for (const text of texts) expect(body).toContain(text);
  const markup = await page.content();
  for (const control of ["\x1b", "\x07"]) expect(markup).not.toContain(control);
  // The embedded data of a report holds the stored override; what the page shows never does.
  expect(await page.locator("#app").innerHTML()).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  expect(await page.locator("img").count()).toBe(0);
  expect(await page.locator("#app script").count()).toBe(0);
  expect(
    await page.evaluate(() => document.querySelectorAll("[onerror], [onload], [onclick]").length),
  ).toBe(0);
  expect(dialogs).toEqual([]);
}

describe.skipIf(chromiumUnavailable())("hostile stored strings", () => {
  const audit = hostileAudit();
  let session: BrowserSession;
  let web: WebFixture;
  let page: Page;
  let dialogs: string[];

  beforeAll(async () => {
    ({ web, session, page } = await openBrowserSuite(audit.records, {
      viewport: { width: 1280, height: 900 },
    }));
    dialogs = noDialogs(page);
  });
  afterAll(() => closeBrowserSuite(web, session));

  it("are text in the audits view, under the server's CSP, with no problem", async () => {
    await page.goto(web.url());
    await expect.poll(() => page.locator("table.audits tbody tr").count()).toBe(1);
    await expectInert(page, dialogs, [`p${SHOWN}`, `s${SHOWN}`]);
    await page.getByRole("searchbox", { name: "Search" }).fill(SCRIPT);
    // Enter submits nothing: the CSP's form-action 'none' would report it.
    await page.getByRole("searchbox", { name: "Search" }).press("Enter");
    await expect.poll(() => page.url()).toContain("q=%3Cscript%3E");
    await expect.poll(() => page.locator("table.audits tbody tr").count()).toBe(1);
    await expectInert(page, dialogs, [`search: ${SCRIPT}`]);
    expect(problems(session)).toEqual([]);
  });

  it("are text in the audit view: titles, paths, commands, output (escapes stripped), errors", async () => {
    const failed = audit.records.find((r) => r.type === "verification_failed") as { id: string };
    await page.goto(web.url(`?audit=${audit.auditId}&phase=1&attempt=${failed.id}`));
    const output = page.locator("pre.output");
    expect(await output.textContent()).toBe(OUTPUT_SHOWN);
    await expectInert(page, dialogs, [`title${SHOWN}`, `cmd${SHOWN}`, `out${SHOWN}`]);

    await page.getByRole("button", { name: /^Phase 1: title/ }).click();
    await expect.poll(() => page.locator(".files li").count()).toBe(2);
    // Longer than what the pane draws at first (10,000 characters): cut, then whole when asked.
    const error = page.locator("pre.error-output");
    expect(await error.textContent()).toBe(`err${SHOWN}\n${LONG}`.slice(0, 10_000));
    await page.getByRole("button", { name: "Show all" }).click();
    await expect.poll(() => error.textContent()).toBe(`err${SHOWN}\n${LONG}`);
    await expectInert(page, dialogs, [`path${SHOWN}`, `file${SHOWN}`, LONG]);
    await page.getByRole("button", { name: /^attempt 1: x{100}/ }).click();
    await expectInert(page, dialogs, [LONG]);
    expect(problems(session)).toEqual([]);
  });

  it("are text in the insights view", async () => {
    await page.goto(web.url("?view=insights&period=all"));
    await expect.poll(() => page.getByRole("article").count()).toBe(1);
    await expectInert(page, dialogs, [`p${SHOWN}`, `cmd${SHOWN}`, `path${SHOWN}`]);
    // The chart's text equivalent names the project as text too.
    expect(await page.getByRole("img").getAttribute("aria-label")).toContain(
      `p${SHOWN}: audits per`,
    );
    expect(problems(session)).toEqual([]);
  });

  it("are text in a self-contained report opened from disk with networking off", async () => {
    const file = join(web.dir, "report.html");
    await writeFile(file, await renderAuditReport({ records: audit.records }));
    const offline = await session.newPage({
      offline: true,
      viewport: { width: 1280, height: 900 },
    });
    const offlineDialogs = noDialogs(offline);
    const failed = audit.records.find((r) => r.type === "verification_failed") as { id: string };
    await offline.goto(
      `${pathToFileURL(file).href}#audit=${audit.auditId}&phase=1&attempt=${failed.id}`,
    );
    await expect.poll(() => offline.locator("pre.output").textContent()).toBe(OUTPUT_SHOWN);
    expect(await offline.locator(".live-badge").getAttribute("data-status")).toBe("static");
    await expectInert(offline, offlineDialogs, [`title${SHOWN}`, `cmd${SHOWN}`]);
    // The report's own view of its audits, from the embedded data alone.
    await offline.getByRole("link", { name: "← All audits" }).click();
    await expect.poll(() => offline.locator("table.audits tbody tr").count()).toBe(1);
    expect(new URL(offline.url()).protocol).toBe("file:");
    await offline.close();
    expect(problems(session)).toEqual([]);
  });

  it("a report made for one audit opens on its failure, under its own CSP, with nothing fetched", async () => {
    const file = join(web.dir, "one-audit.html");
    const records = audit.records;
    await writeFile(file, await renderAuditReport({ records, auditId: audit.auditId }));
    const offline = await session.newPage({
      offline: true,
      viewport: { width: 1280, height: 900 },
    });
    const offlineDialogs = noDialogs(offline);
    await offline.goto(pathToFileURL(file).href);
    // No fragment: the embedded `open` takes it to the audit, which opens on its first failure.
    await expect.poll(() => offline.locator("pre.output").count()).toBe(1);
    expect(new URL(offline.url()).hash).toContain(`audit=${audit.auditId}`);
    // Each stored part isolated (U+2068 … U+2069), its RTL override shown as `<U+202E>`.
    expect(await offline.title()).toBe(`\u2068p${SHOWN}\u2069 / \u2068s${SHOWN}\u2069`);
    await expectInert(offline, offlineDialogs, [`title${SHOWN}`]);
    await offline.close();
    // The inline script and style ran under the page's hash-only policy: no violation, no request.
    expect(problems(session)).toEqual([]);
  });
});
