import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "../errors/http-error.js";
import type { RequestTarget } from "./request-target.js";
import { isApiPath } from "./request-target.js";
import { presentedToken, sameToken, tokenCookie } from "./token.js";

/** Who may reach the server. */
export interface AccessPolicy {
  /** The `Host` headers accepted (loopback servers); null: any (a token guards the server). */
  readonly hostHeaders: ReadonlySet<string> | null;
  /** The token every request must present; null: none. */
  readonly token: string | null;
  readonly port: number;
}

/**
 * Refuses a request from outside the policy (throws an {@link HttpError}), or
 * answers it with a redirect; returns true when it answered.
 *
 * - A loopback server refuses (403) a `Host` it does not know: DNS rebinding.
 * - With a token, a page request carrying `?token=` (the URL the server
 *   printed) gets the token as an HttpOnly, SameSite=Strict cookie and a
 *   redirect to the same URL without it, so the token leaves the address bar
 *   and the history. Every other request needs the cookie or
 *   `Authorization: Bearer <token>`, else 401.
 */
export function guardAccess(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  policy: AccessPolicy,
): boolean {
  if (policy.hostHeaders !== null) {
    const host = (req.headers.host ?? "").toLowerCase();
    if (!policy.hostHeaders.has(host)) {
      throw new HttpError(
        "FORBIDDEN_HOST",
        `this server does not answer for host ${JSON.stringify(host)}`,
      );
    }
  }
  const { token, port } = policy;
  if (token === null) return false;
  const given = target.search.get("token");
  if (given !== null && !isApiPath(target.pathname)) {
    if (!sameToken(given, token)) throw new HttpError("UNAUTHORIZED", "wrong token");
    const search = new URLSearchParams(target.search);
    search.delete("token");
    const query = search.toString();
    // One leading slash only: `//host` in a Location header would leave this server.
    const path = `/${target.pathname.replace(/^[/\\]+/, "")}`;
    res.statusCode = 303;
    res.setHeader("Set-Cookie", tokenCookie(port, token));
    res.setHeader("Location", query === "" ? path : `${path}?${query}`);
    res.setHeader("Cache-Control", "no-store");
    res.end();
    return true;
  }
  const presented = presentedToken(req, port);
  if (presented === undefined || !sameToken(presented, token)) {
    res.setHeader("WWW-Authenticate", 'Bearer realm="phaser-events"');
    throw new HttpError(
      "UNAUTHORIZED",
      "this server needs its token: open the URL it printed, or send Authorization: Bearer <token>",
    );
  }
  return false;
}
