/**
 * The server process of W3 (dist/web-server-child.js): a timeline server over
 * a store, alone in its process so its memory is its own, with its store's
 * `watch` counted.
 *
 *   fork("dist/web-server-child.js", [JSON.stringify(location)], { execArgv: ["--expose-gc"] })
 *
 * Sends `{ url }` once it listens; answers each `{ sample: true }` with its
 * live heap and RSS right after a full GC, the watches it started and the
 * HTTP connections open. Closes
 * when the parent disconnects.
 */
import http from "node:http";
import { syncBuiltinESMExports } from "node:module";
import type { EventStorage } from "@phaser/events-core";
import { collectGarbage } from "../util.js";
import type { ServerMessage, ServerRequest } from "./server-messages.js";
import { openStore, type StoreLocation } from "./store-location.js";

/** Counts the watches `storage` starts and the ones still running. */
function countWatches(storage: EventStorage): { started: number; active: number } {
  const counts = { started: 0, active: 0 };
  const watch = storage.watch?.bind(storage);
  if (watch === undefined) throw new Error("the store has no watch()");
  Object.assign(storage, {
    watch(...args: Parameters<typeof watch>) {
      const handle = watch(...args);
      counts.started++;
      counts.active++;
      const stop = handle.stop.bind(handle);
      let stopped = false;
      return Object.assign(handle, {
        stop() {
          if (!stopped) counts.active--;
          stopped = true;
          return stop();
        },
      });
    },
  });
  return counts;
}

/**
 * Counts the connections of every HTTP server made from here on: the
 * browsers' streams and requests (a store's own sockets, such as a
 * PostgreSQL pool's, are not counted). `createServer` is patched on the
 * module and its ESM binding synced, before events-web is imported.
 */
function countConnections(): { open: number } {
  const counts = { open: 0 };
  const create = http.createServer;
  http.createServer = ((...args: Parameters<typeof create>) => {
    const server = create(...args);
    server.on("connection", (socket) => {
      counts.open++;
      socket.once("close", () => counts.open--);
    });
    return server;
  }) as typeof create;
  syncBuiltinESMExports();
  return counts;
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg === undefined || process.send === undefined) {
    throw new Error("usage: fork('web-server-child.js', [JSON.stringify(location)]) with IPC");
  }
  if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error("run with --expose-gc");
  const send = (message: ServerMessage) => process.send?.(message);
  const connections = countConnections();
  const { createTimelineServer } = await import("@phaser/events-web");
  const storage = openStore(JSON.parse(arg) as StoreLocation);
  const watches = countWatches(storage);
  const server = await createTimelineServer({ storage, port: 0, onError: () => {} });
  process.on("message", (_request: ServerRequest) => {
    collectGarbage();
    const usage = process.memoryUsage();
    send({
      sample: {
        liveHeap: usage.heapUsed + usage.external,
        rss: usage.rss,
        watchesStarted: watches.started,
        watchesActive: watches.active,
        connections: connections.open,
      },
    });
  });
  process.on("disconnect", () => {
    server
      .close()
      .then(() => storage.close())
      .finally(() => process.exit(0));
  });
  send({ url: server.url });
}

main().catch((error: unknown) => {
  process.send?.({ error: String((error as Error).stack ?? error) });
  process.exit(1);
});
