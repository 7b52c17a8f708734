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
  writePieces(res, body);
}

/** The size of the pieces a response's body is written in. */
const BODY_PIECE = 64 * 1024;

/**
 * Writes `body` a piece at a time, the next once the socket took the last:
 * what a client takes shows as progress (see `dropWhenStalled`), and what is
 * queued for it stays one piece, not the whole body twice over.
 */
function writePieces(res: ServerResponse, body: Buffer): void {
  let at = 0;
  const next = () => {
    while (at + BODY_PIECE < body.length) {
      const piece = body.subarray(at, at + BODY_PIECE);
      at += BODY_PIECE;
      if (!res.write(piece)) {
        res.once("drain", next);
        return;
      }
    }
    res.end(body.subarray(at)); // Node sends no body for HEAD
  };
  next();
}

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
