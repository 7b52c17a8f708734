import type { AuditRow } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import type { LiveHandlers, LiveRecord, LiveStatus, RowsNotice } from "./data-source.js";

/** How often the fallback asks for new records. */
export const POLL_MS = 2000;
/** Stream errors in a row (no message or open between them) before polling takes over. */
export const MAX_STREAM_ERRORS = 3;
/**
 * How long polling goes on before the stream is tried again: what made it
 * fail (a server restarting, a proxy's hiccup) may have passed, and a poll
 * every 2 s costs more, and shows records later, than a stream.
 */
export const STREAM_RETRY_MS = 30_000;
/** Records asked for per poll; a full page is followed at once by the next. */
const POLL_LIMIT = 500;
/** Records that arrive together are handed over together: one render for a burst. */
const BATCH_MS = 30;

/**
 * Follows the store from position `after`: Server-Sent Events on
 * `/api/stream` (the browser reconnects by itself, sending `Last-Event-ID`, so
 * nothing is missed), and polling `/api/events?after=` every {@link POLL_MS}
 * when the stream keeps failing (trying it again after {@link STREAM_RETRY_MS}
 * of polling) or `EventSource` does not exist. Stops, and
 * calls `onReset`, when the server says it cannot resume from the page's
 * position. Returns a function that stops it.
 */
export function followStream(
  base: string,
  after: number,
  handlers: LiveHandlers,
  token?: string,
): () => void {
  // EventSource sends no headers: the stream alone takes the token in its URL.
  const tokenParam = token === undefined ? "" : `&token=${encodeURIComponent(token)}`;
  let last = after;
  let stopped = false;
  let errors = 0;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: LiveRecord[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let status: LiveStatus | undefined;

  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    handlers.onStatus(next);
  };
  const reset = () => {
    if (stopped) return;
    stop();
    handlers.onReset();
  };
  const deliver = (record: LiveRecord) => {
    if (record.seq > last) last = record.seq;
    pending.push(record);
    flushTimer ??= setTimeout(flush, BATCH_MS);
  };
  function flush() {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = pending;
    pending = [];
    if (!stopped && batch.length > 0) handlers.onRecords(batch);
  }

  const openStream = () => {
    setStatus(errors === 0 ? "connecting" : "reconnecting");
    const stream = new EventSource(`${base}/api/stream?after=${last}${tokenParam}`);
    source = stream;
    stream.onopen = () => {
      errors = 0;
      setStatus("live");
    };
    stream.addEventListener("record", (event) => {
      errors = 0;
      const message = JSON.parse((event as MessageEvent<string>).data) as {
        seq: number;
        record: EventRecord;
        audit?: AuditRow | null;
      };
      deliver(message);
    });
    stream.addEventListener("rows", (event) => {
      // Handed over after the records that came before it: a removal never overtakes them.
      const notice = JSON.parse((event as MessageEvent<string>).data) as RowsNotice;
      flush();
      if (!stopped) handlers.onRows(notice);
    });
    stream.addEventListener("reset", reset);
    stream.onerror = () => {
      if (stopped) return;
      errors += 1;
      if (errors >= MAX_STREAM_ERRORS) {
        stream.close();
        startPolling();
      } else if (stream.readyState === EventSource.CLOSED) {
        // The browser gave up (an error status, a wrong type): open a new one from where we are.
        setStatus("reconnecting");
        timer = setTimeout(openStream, 500 * errors);
      } else {
        // Still CONNECTING: the browser retries by itself, with Last-Event-ID.
        setStatus("reconnecting");
      }
    };
  };

  const poll = async () => {
    timer = undefined;
    let full = false;
    try {
      const response = await fetch(`${base}/api/events?after=${last}&limit=${POLL_LIMIT}`, {
        headers: apiHeaders(token),
      });
      // The token is not (or no longer) the server's: one that restarted with another. The page
      // loads again with the one its origin keeps now (another tab may have opened the new URL),
      // and says how to get in when that one does not do either.
      if (response.status === 401) return reset();
      if (!response.ok) throw new Error(`GET /api/events answered ${response.status}`);
      const body = (await response.json()) as {
        events: { seq: number; record: EventRecord }[];
        rowsVersion?: number;
        reset?: boolean;
      };
      if (body.reset === true) return reset();
      for (const event of body.events) deliver(event);
      if (typeof body.rowsVersion === "number") {
        flush();
        if (!stopped) handlers.onRows({ version: body.rowsVersion });
      }
      full = body.events.length >= POLL_LIMIT;
      setStatus("polling");
      if (!full && canStream && Date.now() - pollingSince >= STREAM_RETRY_MS) {
        // The server answers: the stream may too. It falls back here after as many errors.
        errors = 0;
        if (!stopped) openStream();
        return;
      }
    } catch {
      setStatus("reconnecting");
    }
    if (!stopped) timer = setTimeout(poll, full ? 0 : POLL_MS);
  };

  let pollingSince = 0;
  const startPolling = () => {
    source = undefined;
    pollingSince = Date.now();
    setStatus("polling");
    void poll();
  };

  function stop() {
    stopped = true;
    source?.close();
    if (timer !== undefined) clearTimeout(timer);
    if (flushTimer !== undefined) clearTimeout(flushTimer);
  }

  const canStream = typeof EventSource === "function";
  if (canStream) openStream();
  else startPolling();

  return stop;
}

/** The headers of a request to the API: JSON, and the token when the server asks for one. */
export function apiHeaders(token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return headers;
}
