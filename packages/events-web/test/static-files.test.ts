import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { serve, tempDir } from "./helpers.js";
import { send } from "./http-client.js";

/** A UI folder with a page, a script, a subfolder, and a secret beside the folder. */
function uiFolder(): { uiDir: string; secret: string } {
  const root = tempDir();
  const uiDir = join(root, "ui");
  mkdirSync(join(uiDir, "assets"), { recursive: true });
  writeFileSync(join(uiDir, "index.html"), "<!doctype html><title>t</title>");
  writeFileSync(join(uiDir, "app.js"), "console.log(1);");
  writeFileSync(join(uiDir, "assets", "style.css"), "body{}");
  writeFileSync(join(uiDir, "assets", "icon.svg"), "<svg/>");
  writeFileSync(join(uiDir, "data.bin"), "x");
  writeFileSync(join(uiDir, ".env"), "SECRET=1");
  const secret = join(root, "secret.txt");
  writeFileSync(secret, "SECRET");
  symlinkSync(secret, join(uiDir, "leak.txt"));
  symlinkSync(root, join(uiDir, "up"));
  symlinkSync(join(uiDir, "app.js"), join(uiDir, "alias.js"));
  return { uiDir, secret };
}

describe("static files", () => {
  it("serves the package's built UI, dist/ui/, by default", async () => {
    const server = await serve(new MemoryStorage());
    const page = await send(server.url, "/");
    const own = fileURLToPath(new URL("../dist/ui/index.html", import.meta.url));
    expect(page.status).toBe(200);
    expect(page.text).toBe(readFileSync(own, "utf8"));
    expect((await send(server.url, "/app.js")).status).toBe(200);
  });

  it.each([
    ["/", "text/html; charset=utf-8", "<!doctype html><title>t</title>"],
    ["/index.html", "text/html; charset=utf-8", "<!doctype html><title>t</title>"],
    ["/app.js", "text/javascript; charset=utf-8", "console.log(1);"],
    ["/assets/style.css", "text/css; charset=utf-8", "body{}"],
    ["/assets/icon.svg", "image/svg+xml", "<svg/>"],
    ["/data.bin", "application/octet-stream", "x"],
    ["/alias.js", "text/javascript; charset=utf-8", "console.log(1);"],
  ])("serves %s as %s", async (path, type, body) => {
    const server = await serve(new MemoryStorage(), { uiDir: uiFolder().uiDir });
    const reply = await send(server.url, path);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe(type);
    expect(reply.text).toBe(body);
    const head = await send(server.url, path, { method: "HEAD" });
    expect(head.text).toBe("");
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it.each([
    "/../secret.txt",
    "/assets/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/assets%2f..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/assets/..\\..\\secret.txt",
    "/leak.txt",
    "/up/secret.txt",
    "/.env",
    "/%2eenv",
    "/assets",
    "/assets/",
    "/app.js%00.html",
    "/%E0%A4%A",
    "/nope.html",
    // A file with an empty segment: /index.html/ would load its app.js from /index.html/app.js.
    "/index.html/",
    "/app.js/",
    "//index.html",
    "/assets//style.css",
  ])("refuses %s with 404", async (path) => {
    const { uiDir, secret } = uiFolder();
    const server = await serve(new MemoryStorage(), { uiDir });
    const reply = await send(server.url, path);
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain("SECRET");
    expect(reply.json<{ error: { code: string } }>().error.code).toBe("NOT_FOUND");
    expect(secret).toBeTruthy();
  });

  it("refuses an absolute path to a file outside the folder", async () => {
    const { uiDir, secret } = uiFolder();
    const server = await serve(new MemoryStorage(), { uiDir });
    for (const path of [secret, `/${secret}`, encodeURIComponent(secret), "/etc/passwd"]) {
      const reply = await send(server.url, path.startsWith("/") ? path : `/${path}`);
      expect(reply.status, path).toBe(404);
    }
  });

  it("refuses a uiDir that is not a folder", async () => {
    await expect(serve(new MemoryStorage(), { uiDir: join(tempDir(), "none") })).rejects.toThrow(
      /uiDir must be a folder/,
    );
  });
});
