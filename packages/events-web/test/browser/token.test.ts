import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { type BrowserSession, chromiumUnavailable, launchChromium } from "@phaser/browser-test-kit";
import { MemoryStorage } from "@phaser/events-store-memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecords, later, serve } from "../helpers.js";

const UI_DIR = new URL("../../dist/ui/", import.meta.url).pathname;
const TOKEN = "s3cret-token-4820";

/** Another server on the same host (127.0.0.1, another port), keeping the headers it is sent. */
async function otherPortOfTheHost(): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const site = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end("<!doctype html><title>another service</title><img src=/pixel.png>");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  later(() => new Promise((resolve) => site.close(resolve)));
  return { url: `http://127.0.0.1:${(site.address() as AddressInfo).port}/`, seen };
}

describe.skipIf(chromiumUnavailable())("a server with a token, in Chromium", () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await launchChromium();
  });

  afterAll(async () => {
    await session?.close();
  });

  it("opens from its printed URL, keeps the token from every other port of the host, and follows live", async () => {
    const memory = new MemoryStorage();
    await memory.appendEvents(auditRecords("a1", { project: "first" }));
    const server = await serve(memory, { uiDir: UI_DIR, token: TOKEN });
    const base = `http://127.0.0.1:${server.port}/`;
    const page = await session.newPage();
    await page.goto(server.url);
    await page.locator('table.audits tr[data-audit-id="a1"]').waitFor();
    // The token left the address bar (and the history) at once.
    expect(page.url()).toBe(base);

    // Live: the stream takes the token too.
    await memory.appendEvents(auditRecords("a2", { project: "second" }));
    await page.locator('table.audits tr[data-audit-id="a2"]').waitFor();

    // A link opened in a new tab, without the token, opens as well.
    const tab = await page.context().newPage(); // the same browser profile
    await tab.goto(`${base}?audit=a1`);
    await expect.poll(() => tab.locator("table.event-table tbody tr").count()).toBeGreaterThan(0);

    // Another service on this host, visited by the same browser, gets nothing of it: a cookie
    // would have gone to it (browsers do not keep cookies apart by port).
    const other = await otherPortOfTheHost();
    await tab.goto(other.url);
    await expect.poll(() => other.seen.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(other.seen)).not.toContain(TOKEN);
    await Promise.all([page.close(), tab.close()]);
  });

  it("a page opened without the token says how to get in", async () => {
    const server = await serve(new MemoryStorage(), { uiDir: UI_DIR, token: TOKEN });
    const page = await session.newPage(); // a fresh profile: nothing kept
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await expect
      .poll(() => page.locator("#app").textContent())
      .toContain("open the URL it printed");
    await page.close();
  });

  it("an open page whose server restarted with another token loads again with the one kept now", async () => {
    const memory = new MemoryStorage();
    await memory.appendEvents(auditRecords("a1"));
    const first = await serve(memory, { uiDir: UI_DIR, token: "first-token" });
    const page = await session.newPage();
    await page.goto(first.url);
    await page.locator('table.audits tr[data-audit-id="a1"]').waitFor();
    await first.close();
    const second = await serve(memory, { uiDir: UI_DIR, token: "second-token", port: first.port });
    // Another tab of the same browser opens the new printed URL: the origin keeps its token.
    const tab = await page.context().newPage();
    await tab.goto(second.url);
    await tab.locator('table.audits tr[data-audit-id="a1"]').waitFor();
    // The old page's stream and polls are refused (401) until it loads again with it.
    await memory.appendEvents(auditRecords("a2"));
    await page.locator('table.audits tr[data-audit-id="a2"]').waitFor({ timeout: 20_000 });
    await Promise.all([page.close(), tab.close()]);
  }, 40_000);
});
