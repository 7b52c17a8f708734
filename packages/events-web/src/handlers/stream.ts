import { HttpError } from "../errors/http-error.js";
import { parsePosition } from "../http/query-params.js";
import { setEventStreamHead } from "../http/respond.js";
import type { RouteRequest } from "../server-context.js";
import { SseClient } from "../sse-client.js";
import { RETRY_MESSAGE, resetMessage } from "../sse-message.js";

/**
 * `GET /api/stream`: Server-Sent Events, one `record` message per record with
 * its position as `id`. It resumes after `Last-Event-ID` (what a browser sends
 * when it reconnects), else after `?after=`, else from the server's position.
 * A position beyond the server's gets a `reset` message, and the stream ends.
 */
export function openStream({ req, res, target, context }: RouteRequest): void {
  const { follower, storage, streams, heartbeatMs, storeReads, onError } = context;
  const header = req.headers["last-event-id"];
  const resumed = parsePosition(Array.isArray(header) ? header[0] : header, "Last-Event-ID");
  const after = resumed ?? parsePosition(target.search.get("after"), "after") ?? follower.position;
  if (context.closing.aborted) throw new HttpError("SERVICE_UNAVAILABLE", "the server is closing");
  if (req.method === "HEAD") {
    setEventStreamHead(res);
    res.end();
    return;
  }
  if (after > follower.position) {
    setEventStreamHead(res);
    res.end(RETRY_MESSAGE + resetMessage(follower.position));
    return;
  }
  const client = new SseClient(res, after, {
    storage,
    follower,
    heartbeatMs,
    storeReads,
    onError,
  });
  streams.add(client);
  void client.done.then(() => streams.delete(client));
  client.start();
}
