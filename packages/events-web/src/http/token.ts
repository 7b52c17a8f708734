import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** A new token: 32 random bytes, URL-safe base64 (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What a token may hold: it travels in a URL, a cookie and a header as is. */
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

/** The cookie's name: per port, so two servers on one host keep their tokens apart. */
export function tokenCookieName(port: number): string {
  return `phaser_events_token_${port}`;
}

/**
 * The `Set-Cookie` value that stores the token for every path of this server. `SameSite=Lax`: the
 * printed URL is often opened from a link on another site (a chat, a CI log), and a `Strict`
 * cookie is not sent on that navigation's redirect, nor on its reloads, which then answer 401.
 * Lax still keeps it off every request another site's page makes (fetch, EventSource, images);
 * the server changes nothing, so a cross-site navigation can only show the page.
 */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Lax; Path=/`;
}

/** The token a request presents: `Authorization: Bearer <token>`, else the cookie. */
export function presentedToken(req: IncomingMessage, port: number): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match?.[1] ?? "";
  }
  const name = tokenCookieName(port);
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at >= 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
