import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkOptions } from "./check-options.js";
import { CurrentFollower } from "./current-follower.js";
import { HttpError } from "./errors/http-error.js";
import { type AccessPolicy, guardAccess } from "./http/access-guard.js";
import { allowedHostHeaders, openableHost } from "./http/host-check.js";
import { parseTarget } from "./http/request-target.js";
import { sendError, setSecurityHeaders } from "./http/respond.js";
import { ALLOWED_METHODS, route } from "./routes.js";
import type { ServerContext } from "./server-context.js";
import type { TimelineServer, TimelineServerOptions } from "./server-options.js";
import type { SseClient } from "./sse-client.js";
import { StoreReadSlots } from "./store-read-slots.js";

/** The recent records kept for clients that resume: at most this many… */
const RECENT_ENTRIES = 1000;
/** …and about this many characters of JSON. */
const RECENT_CHARS = 8 * 1024 * 1024;

/**
 * Starts a read-only HTTP server over `options.storage`: the audits, one
 * audit's events, insights, and a live stream of new records (Server-Sent
 * Events), plus the UI's static files. It follows the store with one
 * `watch` whatever the number of clients. Resolves once it listens and has
 * loaded the store; rejects when the store cannot be opened or the port
 * cannot be bound (then nothing is left running).
 */
export async function createTimelineServer(
  options: TimelineServerOptions,
): Promise<TimelineServer> {
  const checked = await checkOptions(options);
  const { signal } = options;
  signal?.throwIfAborted();
  const streams = new Set<SseClient>();
  const shutdown = new AbortController();
  const current = await CurrentFollower.start(options.storage, {
    limits: { maxEntries: RECENT_ENTRIES, maxChars: RECENT_CHARS },
    recheckMs: checked.recheckMs,
    onError: checked.onError,
    signal: signal === undefined ? shutdown.signal : AbortSignal.any([signal, shutdown.signal]),
    // The pages hold audits of the store that was replaced: each loads again.
    onReplaced: (follower) => {
      for (const stream of streams) stream.reset(follower.position);
    },
  });
  const pending = new Set<Promise<unknown>>();
  const context: ServerContext = {
    storage: options.storage,
    get follower() {
      return current.follower;
    },
    streams,
    heartbeatMs: checked.heartbeatMs,
    storeReads: new StoreReadSlots(),
    recheckMs: checked.recheckMs,
    uiRoot: checked.uiRoot,
    onError: checked.onError,
    closing: shutdown.signal,
    track(work) {
      const settled: Promise<unknown> = work.then(
        () => pending.delete(settled),
        () => pending.delete(settled),
      );
      pending.add(settled);
      return work;
    },
  };
  const access: { policy: AccessPolicy | undefined } = { policy: undefined };
  const server = createServer((req, res) => {
    void handle(req, res, context, access.policy);
  });
  let port: number;
  try {
    port = await listen(server, checked.port, checked.host);
  } catch (error) {
    shutdown.abort();
    await current.stop();
    throw error;
  }
  server.on("error", checked.onError);
  // A client that stopped reading a large answer would hold what was buffered for it for good.
  // Streams write at least a heartbeat in that time; an answer goes out a piece at a time.
  server.timeout = checked.idleTimeoutMs;
  access.policy = {
    hostHeaders: checked.loopback ? allowedHostHeaders(checked.host, port) : null,
    token: checked.token,
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      signal?.removeEventListener("abort", onAbort);
      shutdown.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const ended = [...streams].map((stream) => {
        stream.close();
        return stream.done;
      });
      server.closeAllConnections();
      await Promise.all([current.stop(), ...ended, closed, ...pending]);
    })();
    return closing;
  };
  const onAbort = () => void close();
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) await close();

  const base = `http://${openableHost(checked.host)}:${port}/`;
  return {
    url: checked.token === null ? base : `${base}#token=${checked.token}`,
    host: checked.host,
    port,
    token: checked.token,
    close,
  };
}

/** Answers one request: security headers, access, method, then its route. */
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  context: ServerContext,
  policy: AccessPolicy | undefined,
): Promise<void> {
  setSecurityHeaders(res);
  try {
    if (policy === undefined) throw new HttpError("SERVICE_UNAVAILABLE", "the server is starting");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", ALLOWED_METHODS);
      throw new HttpError(
        "METHOD_NOT_ALLOWED",
        `${req.method} is not allowed: this server only reads`,
      );
    }
    const target = parseTarget(req.url);
    if (guardAccess(req, res, target, policy)) return;
    const { handler, params } = route(target.pathname);
    await handler({ req, res, target, params, context });
  } catch (error) {
    sendError(res, error);
  }
}

/** Binds `server`; resolves with the port it listens on. */
function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
