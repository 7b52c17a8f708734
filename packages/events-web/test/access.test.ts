import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { serve } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

describe("a loopback server: Host check (DNS rebinding)", () => {
  it("answers the loopback names with its port", async () => {
    const server = await serve(new MemoryStorage());
    expect(server.token).toBeNull();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    for (const host of ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"]) {
      const reply = await send(server.url, "/api/audits", {
        headers: { Host: `${host}:${server.port}` },
      });
      expect(reply.status, host).toBe(200);
    }
  });

  it.each([
    "evil.example",
    "evil.example:PORT",
    "127.0.0.1",
    "127.0.0.1:1",
    "localhost.evil.example:PORT",
    "127.0.0.1.nip.io:PORT",
  ])("refuses Host %j with 403", async (host) => {
    const server = await serve(new MemoryStorage());
    const value = host.replace("PORT", String(server.port));
    for (const path of ["/api/audits", "/", "/api/stream"]) {
      const reply = await send(server.url, path, { headers: { Host: value } });
      expect(reply.status, path).toBe(403);
      expect(reply.json<{ error: { code: string } }>().error.code).toBe("FORBIDDEN_HOST");
    }
  });
});

describe("token mode", () => {
  /** A server on all interfaces: it requires a token and checks no Host. */
  async function tokenServer(token?: string) {
    const server = await serve(new MemoryStorage(), {
      host: "0.0.0.0",
      ...(token ? { token } : {}),
    });
    const base = `http://127.0.0.1:${server.port}/`;
    return { server, base };
  }

  it("generates a URL-safe token when the host is not loopback, and prints it in the URL", async () => {
    const { server } = await tokenServer();
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Bound to every interface, it is opened here through 127.0.0.1.
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    const other = await tokenServer();
    expect(other.server.token).not.toBe(server.token);
  });

  it("answers 401 to the API without the token, or with a wrong one; the page itself needs none", async () => {
    const { server, base } = await tokenServer("s3cret-token");
    for (const headers of [
      {},
      { Authorization: "Bearer wrong" },
      { Authorization: "Basic czNjcmV0LXRva2Vu" },
      // A cookie is no way in: browsers send one to every port of the host.
      { Cookie: `phaser_events_token_${server.port}=s3cret-token` },
    ]) {
      for (const path of ["/api/audits", "/api/stream", "/api/events?after=0", "/api/nope"]) {
        const reply = await send(base, path, { headers });
        expect(reply.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(reply.json<{ error: { code: string } }>().error.code).toBe("UNAUTHORIZED");
      }
    }
    // The page's files hold no data: the page is what asks for the token.
    for (const path of ["/", "/app.js"]) expect((await send(base, path)).status, path).toBe(200);
    expect((await send(base, "/?token=wrong")).status).toBe(401);
    // Only the stream takes the token in its URL (EventSource sends no headers).
    expect((await send(base, "/api/audits?token=s3cret-token")).status).toBe(401);
    expect((await send(base, "/api/stream?token=wrong")).status).toBe(401);
  });

  it("takes Authorization: Bearer on the API and the stream, and ?token= on the stream", async () => {
    const { base } = await tokenServer("s3cret-token");
    const headers = { Authorization: "Bearer s3cret-token" };
    expect((await send(base, "/api/audits", { headers })).status).toBe(200);
    expect((await send(base, "/api/events?after=0", { headers })).status).toBe(200);
    for (const [path, sent] of [
      ["/api/stream", headers],
      ["/api/stream?after=0&token=s3cret-token", {}],
    ] as const) {
      const stream = await openStream(base, path, sent);
      expect(stream.status, path).toBe(200);
      stream.close();
    }
  });

  it("?token= on a page moves to the fragment, which browsers keep to themselves; no cookie", async () => {
    const { base } = await tokenServer("s3cret-token");
    const reply = await send(base, "/index.html?view=audits&token=s3cret-token&q=a%20b");
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe("/index.html?view=audits&q=a+b#token=s3cret-token");
    expect(reply.headers["set-cookie"]).toBeUndefined();
  });

  it("never redirects to another host", async () => {
    const { base } = await tokenServer("s3cret-token");
    const reply = await send(base, "//evil.example/x?token=s3cret-token");
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe("/evil.example/x#token=s3cret-token");
  });

  it("requires a token given for a loopback server too", async () => {
    const server = await serve(new MemoryStorage(), { token: "given" });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=given`);
    expect((await send(server.url, "/api/audits")).status).toBe(401);
    const ok = await send(server.url, "/api/audits", {
      headers: { Authorization: "Bearer given" },
    });
    expect(ok.status).toBe(200);
  });

  it("refuses a token that cannot travel in a URL or a cookie", async () => {
    await expect(serve(new MemoryStorage(), { token: "a b;c" })).rejects.toThrow(TypeError);
  });
});
