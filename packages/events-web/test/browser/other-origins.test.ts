import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type BrowserSession, chromiumUnavailable, launchChromium } from "@phaser/browser-test-kit";
import { MemoryStorage } from "@phaser/events-store-memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecords, countingWatches, later, serve } from "../helpers.js";

const UI_DIR = new URL("../../dist/ui/", import.meta.url).pathname;

/** A site of its own (another origin: `localhost` and another port) serving one page of `html`. */
async function otherSite(html: string): Promise<string> {
  const site: Server = createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(html);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  later(() => new Promise((resolve) => site.close(resolve)));
  return `http://localhost:${(site.address() as AddressInfo).port}/`;
}

describe.skipIf(chromiumUnavailable())("the server and pages of other origins, in Chromium", () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await launchChromium();
  });

  afterAll(async () => {
    await session?.close();
  });

  it("refuses a page elsewhere its stream and its API: the store is not read again", async () => {
    const memory = new MemoryStorage();
    await memory.appendEvents(auditRecords("a1"));
    const counted = countingWatches(memory);
    const server = await serve(counted.storage, { uiDir: UI_DIR });
    const api = `http://127.0.0.1:${server.port}/api`;
    const watches = counted.started();
    // What a hostile page would do: reopen the stream from the start, again and again.
    const page = await session.newPage();
    await page.goto(
      await otherSite(`<!doctype html><script>
        window.results = [];
        const source = new EventSource(${JSON.stringify(`${api}/stream?after=0`)});
        source.onerror = () => results.push("stream: " + source.readyState);
        fetch(${JSON.stringify(`${api}/events?after=0`)}, { mode: "no-cors" })
          .then(() => results.push("events: sent"), () => results.push("events: failed"));
      </script>`),
    );
    // A refused EventSource fails for good (readyState 2, CLOSED): it does not retry.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { results: string[] }).results.sort()))
      .toEqual(["events: sent", "stream: 2"]);
    expect(counted.started(), "watches started for the other page's requests").toBe(watches);
    await page.close();
  });

  it("opens the printed token URL clicked on another site's page, and keeps it open on reload", async () => {
    const memory = new MemoryStorage();
    await memory.appendEvents(auditRecords("a1", { project: "linked" }));
    const server = await serve(memory, { uiDir: UI_DIR, token: "s3cret-token" });
    const page = await session.newPage();
    await page.goto(await otherSite(`<a id="link" href="${server.url}">the timeline</a>`));
    await page.click("#link");
    const row = page.locator('table.audits tr[data-audit-id="a1"]');
    await row.waitFor();
    // The redirect took the token out of the address bar.
    expect(page.url()).toBe(`http://127.0.0.1:${server.port}/`);
    await page.reload();
    await row.waitFor();
    expect(await row.textContent()).toContain("linked");
    await page.close();
  });
});
