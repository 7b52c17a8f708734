import { parseLimit, parsePosition } from "../http/query-params.js";
import { sendJsonText } from "../http/respond.js";
import { type PositionedJson, readAfter } from "../read-after.js";
import type { RouteRequest } from "../server-context.js";

export const DEFAULT_EVENTS_LIMIT = 500;
export const MAX_EVENTS_LIMIT = 5000;

/**
 * `GET /api/events?after=<seq>&limit=<n>`: `{ events: [{ seq, record }], last, rowsVersion }`,
 * the records after `after` in position order, for clients that cannot hold a
 * stream open. Poll again with `after=last`. Without `after`: none, and `last`
 * is the server's position. Served from the recent ring when it covers `after`,
 * else read from the store. `rowsVersion` as in `/api/audits`: a client that
 * has rows of another version asks for them again (audits were removed).
 * An `after` beyond the server's position: no events, `last` the server's
 * position and `reset: true` (the client followed another store: it loads
 * everything again).
 */
export async function listEvents({ res, target, context }: RouteRequest): Promise<void> {
  const { follower, storage } = context;
  const position = follower.position;
  const after = parsePosition(target.search.get("after"), "after") ?? position;
  const limit = parseLimit(target.search.get("limit"), DEFAULT_EVENTS_LIMIT, MAX_EVENTS_LIMIT);
  if (after > position) {
    const { rowsVersion } = follower;
    sendJsonText(
      res,
      200,
      `{"events":[],"last":${position},"rowsVersion":${rowsVersion},"reset":true}`,
    );
    return;
  }
  let found: PositionedJson[];
  let last: number;
  if (after >= follower.ring.floor) {
    found = follower.ring.after(after, limit);
    // Fewer than `limit`: the ring had nothing more, the client is at the position.
    last = found.length === limit ? (found.at(-1)?.seq as number) : Math.max(after, position);
  } else {
    // A client that gave up (closed its connection) before its turn costs no read of the store.
    const left = new AbortController();
    res.once("close", () => left.abort());
    found = await context.track(readAfter(storage, after, limit, position, context, left.signal));
    last = found.at(-1)?.seq ?? after;
  }
  const events = found.map(({ seq, recordJson }) => `{"seq":${seq},"record":${recordJson}}`);
  // A client that polls has no stream to be told of removed audits on: its polls pace the checks.
  void context.track(follower.recheck(context.recheckMs));
  const { rowsVersion } = follower;
  sendJsonText(
    res,
    200,
    `{"events":[${events.join(",")}],"last":${last},"rowsVersion":${rowsVersion}}`,
  );
}
