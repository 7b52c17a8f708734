import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { RequestTarget } from "./request-target.js";

/** A new token: 32 random bytes, URL-safe base64 (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What a token may hold: it travels in a URL and a header as is. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]+$/;

/**
 * Compares a presented token with the server's in constant time: both are
 * hashed first, so neither their contents nor their lengths change how long
 * the comparison takes.
 */
export function sameToken(presented: string, token: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * The token a request presents: `Authorization: Bearer <token>`; on the
 * stream only, `?token=` too (`EventSource` sends no headers). The page keeps
 * the token in its origin's storage, which no other port or site can read:
 * never in a cookie, which a browser sends to every port of the host.
 */
export function presentedToken(req: IncomingMessage, target: RequestTarget): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match?.[1] ?? "";
  }
  if (target.pathname === STREAM_PATH) return target.search.get("token") ?? undefined;
  return undefined;
}

/** The one route that takes the token in its URL. */
const STREAM_PATH = "/api/stream";
