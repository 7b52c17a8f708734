import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyOfDemoStore } from "./demo-store.js";
import { readStore, runCli, startCli, tempDirsRemovedAfterAll } from "./run-cli.js";

/** What `GET /api/audits` answers (the fields these tests read). */
type AuditsBody = { position: number; audits: { auditId: string }[] };

const freshDir = tempDirsRemovedAfterAll();

/** The first line `serve` printed: the URL. */
async function servedUrl(serve: ReturnType<typeof startCli>): Promise<URL> {
  await serve.waitFor(/\n/);
  return new URL(serve.stdout().split("\n")[0] as string);
}

/** A TCP port something already listens on, and the server to close afterwards. */
async function busyPort(): Promise<[number, Server]> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return [(server.address() as { port: number }).port, server];
}

describe("phaser-events serve", () => {
  it("prints its URL first, serves the store read-only, and stops with exit 0 on SIGINT", async () => {
    const storageDir = await copyOfDemoStore(await freshDir());
    const before = await readFile(join(storageDir, "events.json"), "utf8");
    const serve = startCli(["serve", "--port", "0"], storageDir);
    const url = await servedUrl(serve);
    expect(url.hostname).toBe("127.0.0.1");
    expect(url.hash).toBe(""); // on loopback no token is needed

    const audits = (await (await fetch(new URL("api/audits", url))).json()) as AuditsBody;
    const stored = (await readStore(storageDir)).events;
    const ids = [...new Set(stored.map((record) => record.audit_id))];
    expect(audits.audits.map((a) => a.auditId).sort()).toEqual(ids.sort());
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((await fetch(new URL("api/audits", url), { method: "POST" })).status).toBe(405);

    serve.child.kill("SIGINT");
    const result = await serve.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("read-only; Ctrl-C to stop");
    await expect(fetch(url)).rejects.toThrow();
    expect(await readFile(join(storageDir, "events.json"), "utf8")).toBe(before);
  });

  it("on another address asks for the token its URL carries, and SIGTERM stops it", async () => {
    const storageDir = await copyOfDemoStore(await freshDir());
    const serve = startCli(["serve", "--host", "0.0.0.0", "--port", "0", "--json"], storageDir);
    await serve.waitFor(/\n/);
    const printed = JSON.parse(serve.stdout().split("\n")[0] as string);
    const url = new URL(printed.url);
    // In the fragment: the browser keeps it to itself, and the page keeps it in its own storage.
    const token = new URLSearchParams(url.hash.slice(1)).get("token");
    expect(token).toMatch(/^[\w-]{20,}$/);
    expect(printed).toMatchObject({ host: "0.0.0.0", port: Number(url.port) });
    const api = `http://127.0.0.1:${url.port}/api/audits`;
    expect((await fetch(api)).status).toBe(401);
    const allowed = await fetch(api, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(url.hostname).toBe("127.0.0.1"); // bound to every interface, opened here through loopback
    serve.child.kill("SIGTERM");
    const result = await serve.done;
    expect(result.code).toBe(0);
    // Other machines: one URL per external IPv4 address of this one, each with the token.
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === "IPv4")
      .map((a) => `on the network: http://${a?.address}:${url.port}/#token=${token}`);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("on the network"))).toEqual(
      external,
    );
  });

  it("says which port is taken and exits 1; a port out of range or a bad token is a usage error", async () => {
    const storageDir = await freshDir();
    const [port, other] = await busyPort();
    try {
      const taken = await runCli(["serve", "--port", String(port)], storageDir);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(`127.0.0.1:${port} is in use: pick another --port`);
      expect(taken.stdout).toBe("");
    } finally {
      other.close();
    }
    const bad = await runCli(["serve", "--port", "70000"], storageDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected a port number from 0 to 65535");
    for (const token of ["a b", ""]) {
      const args = ["serve", "--port", "0", "--host", "0.0.0.0", "--token", token];
      const refused = await runCli(args, storageDir);
      expect(refused.code, token).toBe(2);
      expect(refused.stderr).toContain("expected letters, digits and . _ ~ - only");
      expect(refused.stderr).not.toContain("    at "); // no stack trace
    }
  });

  it("--open hands the URL to the system's opener (xdg-open) and goes on serving", async () => {
    const storageDir = await copyOfDemoStore(await freshDir());
    const bin = join(await freshDir(), "bin");
    await mkdir(bin);
    const opened = join(bin, "opened.txt");
    const opener = join(bin, "xdg-open");
    await writeFile(opener, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    await chmod(opener, 0o755);
    const serve = startCli(["serve", "--port", "0", "--open"], storageDir, {
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    const url = await servedUrl(serve);
    await expect
      .poll(() => readFile(opened, "utf8").catch(() => ""), { timeout: 5000 })
      .toBe(url.href);
    expect((await fetch(new URL("api/audits", url))).status).toBe(200);
    serve.child.kill("SIGINT");
    expect((await serve.done).code).toBe(0);
  });
});
