import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserProblem,
  type BrowserSession,
  chromiumPath,
  chromiumUnavailable,
  launchChromium,
  saveScreenshot,
} from "../src/index.js";
import { closedPort, startHttpServer, type TestHttpServer } from "./http-server.js";

const dir = mkdtempSync(join(tmpdir(), "browser-test-kit-"));
let session: BrowserSession;
let server: TestHttpServer;

/** The problems seen so far in pages whose URL starts with `prefix`. */
function problemsAt(prefix: string): BrowserProblem[] {
  return session.problems().filter((p) => p.pageUrl.startsWith(prefix));
}

// One browser for the file: it starts in about a second, each page gets a fresh context.
describe.skipIf(chromiumUnavailable())("a real Chromium", () => {
  beforeAll(async () => {
    server = await startHttpServer((request, response) => {
      const path = (request.url ?? "/").split("?")[0];
      if (path === "/hello") {
        response.setHeader("content-type", "text/html; charset=utf-8");
        response.end("<!doctype html><title>hello</title><h1>Hello from node:http</h1>");
      } else if (path === "/csp") {
        response.setHeader("content-type", "text/html; charset=utf-8");
        response.setHeader("content-security-policy", "default-src 'self'; img-src 'none'");
        response.end(
          '<!doctype html><h1>strict</h1><img src="/forbidden.png" alt=""><script src="/app.js"></script>',
        );
      } else if (path === "/app.js") {
        response.setHeader("content-type", "text/javascript");
        response.end(
          'console.error("kit: a console error"); throw new RangeError("kit: uncaught");',
        );
      } else if (path === "/never") {
        // Answers nothing: a request to it stays in flight until the page cancels it.
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    session = await launchChromium();
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds the machine's Chromium", () => {
    expect(isAbsolute(chromiumPath())).toBe(true);
    expect(session.browser.isConnected()).toBe(true);
    expect(session.browser.version()).toMatch(/^\d+\./);
  });

  it("renders a page served over HTTP, with no problems", async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/hello`);
    expect(await page.getByRole("heading").textContent()).toBe("Hello from node:http");
    expect(await page.title()).toBe("hello");
    expect(problemsAt(`${server.origin}/hello`)).toEqual([]);
    await page.close();
  });

  it("reports a CSP violation, a console error and an uncaught error", async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/csp`);
    await expect
      .poll(() => problemsAt(`${server.origin}/csp`).map((p) => p.kind))
      .toEqual(expect.arrayContaining(["csp-violation", "console-error", "page-error"]));
    const found = problemsAt(`${server.origin}/csp`);
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: "csp-violation",
        url: `${server.origin}/forbidden.png`,
        message: expect.stringContaining("img-src"),
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({ kind: "console-error", message: "kit: a console error" }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: "page-error",
        message: expect.stringContaining("RangeError: kit: uncaught"),
      }),
    );
    // CSP stopped the image in the browser: it never reached the server.
    expect(server.requests).not.toContain("/forbidden.png");
    await page.close();
  });

  it("reports a request that fails", async () => {
    const port = await closedPort();
    const page = await session.newPage();
    await page.goto(`${server.origin}/hello`);
    const outcome = await page.evaluate(
      (url) =>
        fetch(url).then(
          () => "answered",
          (error: Error) => error.name,
        ),
      `http://127.0.0.1:${port}/nothing-here`,
    );
    expect(outcome).toBe("TypeError");
    await expect
      .poll(() => problemsAt(`${server.origin}/hello`))
      .toContainEqual(
        expect.objectContaining({
          kind: "failed-request",
          url: `http://127.0.0.1:${port}/nothing-here`,
          message: expect.stringContaining("ERR_CONNECTION_REFUSED"),
        }),
      );
    await page.close();
  });

  it("does not report requests the page cancels: by leaving, or with an AbortController", async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/hello?cancels`);
    const aborted = await page.evaluate(async () => {
      const controller = new AbortController();
      const request = fetch("/never?by-controller", { signal: controller.signal });
      controller.abort();
      return request.then(
        () => "answered",
        (error: Error) => error.name,
      );
    });
    expect(aborted).toBe("AbortError");
    const arrived = server.requests.length;
    await page.evaluate(() => {
      void fetch("/never?by-navigation").catch(() => {});
    });
    await expect.poll(() => server.requests.length).toBeGreaterThan(arrived);
    const failed = page.waitForEvent("requestfailed");
    await page.reload();
    expect((await failed).url()).toBe(`${server.origin}/never?by-navigation`);
    expect(problemsAt(`${server.origin}/hello?cancels`)).toEqual([]);
    await page.close();
  });

  it("offline, loads files from disk and blocks every other request", async () => {
    const before = server.requests.length;
    const remote = `${server.origin}/from-offline-page`;
    writeFileSync(join(dir, "local.js"), 'document.body.dataset.local = "loaded";');
    const file = join(dir, "report.html");
    writeFileSync(
      file,
      `<!doctype html><body><h1>A report on disk</h1>
<img src="${remote}.png" alt="" onerror="document.body.dataset.img = 'failed'">
<script src="./local.js"></script>
<script>
fetch("${remote}").then(() => { document.body.dataset.fetch = "answered"; },
  () => { document.body.dataset.fetch = "failed"; });
const socket = new WebSocket("${remote.replace("http:", "ws:")}/socket");
socket.onclose = () => { document.body.dataset.socket = "closed"; };
</script></body>`,
    );
    const page = await session.newPage({ offline: true });
    const url = pathToFileURL(file).href;
    await page.goto(url);
    expect(await page.getByRole("heading").textContent()).toBe("A report on disk");
    await page.waitForFunction(() => {
      const d = document.body.dataset;
      return d.img !== undefined && d.fetch !== undefined && d.socket !== undefined;
    });
    expect(await page.evaluate(() => ({ ...document.body.dataset }))).toEqual({
      local: "loaded",
      img: "failed",
      fetch: "failed",
      socket: "closed",
    });
    const blocked = problemsAt(url)
      .filter((p) => p.kind === "blocked-request")
      .map((p) => p.url);
    expect(blocked).toEqual(expect.arrayContaining([`${remote}.png`, remote]));
    const sockets = session
      .problems()
      .filter((p) => p.url === `${remote.replace("http:", "ws:")}/socket`);
    expect(sockets).toEqual([expect.objectContaining({ kind: "blocked-request" })]);
    expect(problemsAt(url).filter((p) => p.kind === "failed-request")).toEqual([]);
    expect(server.requests.slice(before)).toEqual([]);
    await page.close();
  });

  it("honours the viewport and javaScriptEnabled, and saves a PNG screenshot", async () => {
    const page = await session.newPage({
      viewport: { width: 640, height: 360 },
      javaScriptEnabled: false,
    });
    await page.goto(`${server.origin}/hello`);
    await page.setContent('<h1>no script</h1><script>document.body.dataset.ran = "yes"</script>');
    expect(await page.locator("body").getAttribute("data-ran")).toBeNull();

    const path = await saveScreenshot(page, join(dir, "shots", "nested"), "hello");
    expect(path).toBe(join(dir, "shots", "nested", "hello.png"));
    const png = readFileSync(path);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([640, 360]);
    await expect(saveScreenshot(page, dir, "../escape")).rejects.toThrow(TypeError);
    await page.close();
  });

  // Last: it ends the file's browser.
  it("close() ends the browser and its pages", async () => {
    const page = await session.newPage();
    await session.close();
    expect(session.browser.isConnected()).toBe(false);
    expect(page.isClosed()).toBe(true);
    await expect(session.newPage()).rejects.toThrow();
  });
});
