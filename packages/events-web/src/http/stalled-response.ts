import type { ServerResponse } from "node:http";

/**
 * Ends the connection of a response whose client stopped reading: once the
 * handler is done, a response still buffered (a large audit's JSON, a file)
 * must make progress, some bytes taken by the client, every `stallMs`;
 * else its socket is destroyed and what was buffered for it is freed. A
 * client that reads, however slowly, is never cut off. Event streams are
 * left alone: they drop a slow client by their own buffer's size.
 */
export function dropWhenStalled(res: ServerResponse, stallMs: number): void {
  if (res.writableFinished || res.destroyed) return;
  if (String(res.getHeader("Content-Type")).startsWith("text/event-stream")) return;
  let left = res.writableLength;
  const timer = setInterval(() => {
    const now = res.writableLength;
    if (now < left) left = now;
    else res.destroy();
  }, stallMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  res.once("finish", stop);
  res.once("close", stop);
}
