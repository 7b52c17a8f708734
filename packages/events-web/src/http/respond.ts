import type { ServerResponse } from "node:http";
import { isInvalidQueryError, isStorageError } from "@phaser/events-core";
import { HttpError, isHttpError } from "../errors/http-error.js";

/**
 * The page may load scripts, styles, images and connections from this server
 * only, run no inline script, and be framed by nobody: stored strings are
 * data, and nothing from another origin can turn them into code.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Sets the headers every response carries, whatever it answers. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
}

/** Sends `text` (already JSON) as the whole response, uncached. */
/** Starts a Server-Sent Events response: status 200 and its headers, nothing written yet. */
export function setEventStreamHead(res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Accel-Buffering", "no"); // nginx: pass each message on at once
}

export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(text, "utf8");
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", body.length);
  // In pieces: a write leaves the buffer whole, so pieces show a slow client's progress (see
  // `dropWhenStalled`). Node sends no body for HEAD.
  for (let at = 0; at + BODY_PIECE < body.length; at += BODY_PIECE) {
    res.write(body.subarray(at, at + BODY_PIECE));
  }
  res.end(body.subarray(Math.floor(Math.max(0, body.length - 1) / BODY_PIECE) * BODY_PIECE));
}

/** The size of the pieces a response's body is written in. */
const BODY_PIECE = 64 * 1024;

/** Sends `value` as JSON. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendJsonText(res, status, JSON.stringify(value));
}

/**
 * Turns what a handler threw into the HTTP error it answers with: its own
 * refusals as they are, a query the store cannot understand as 400, a store
 * that failed as 503 with its message, anything else as 500 without detail
 * (never a stack).
 */
export function toHttpError(error: unknown): HttpError {
  if (isHttpError(error)) return error;
  if (isInvalidQueryError(error)) return new HttpError("BAD_REQUEST", error.message);
  if (isStorageError(error)) {
    return new HttpError("STORAGE_UNAVAILABLE", error.message, { storageCode: error.code });
  }
  return new HttpError("INTERNAL", "the server failed to answer this request");
}

/** Sends `{ error: { code, message, ...details } }` with the error's status. */
export function sendError(res: ServerResponse, error: unknown): void {
  const { code, message, status, details } = toHttpError(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: { ...details, code, message } });
}
