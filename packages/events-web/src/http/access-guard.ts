import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "../errors/http-error.js";
import type { RequestTarget } from "./request-target.js";
import { isApiPath } from "./request-target.js";
import { presentedToken, sameToken } from "./token.js";

/** Who may reach the server. */
export interface AccessPolicy {
  /** The `Host` headers accepted (loopback servers); null: any (a token guards the server). */
  readonly hostHeaders: ReadonlySet<string> | null;
  /** The token every API request must present; null: none. */
  readonly token: string | null;
}

/**
 * Refuses a request from outside the policy (throws an {@link HttpError}), or
 * answers it with a redirect; returns true when it answered.
 *
 * - A loopback server refuses (403) a `Host` it does not know: DNS rebinding.
 * - Every server refuses (403) an API request a page of another origin made
 *   (`Sec-Fetch-Site` other than `same-origin` or `none`, or an `Origin`
 *   that is not this server's): a page elsewhere, even on another port of
 *   localhost, could otherwise make the server read its store again and
 *   again (each stream or events request from an old position reads it).
 *   Programs that send neither header (curl, other servers) are not browsers'
 *   pages and pass.
 * - With a token, every API request needs it (see `presentedToken`), else
 *   401. The page itself (its HTML, script and styles: no data) is served
 *   to anyone, so that it can ask for the token. A page request carrying
 *   `?token=` is redirected to the same URL with the token moved to the
 *   fragment (`#token=`), which browsers never send: the page keeps it in its
 *   origin's storage and takes it out of the address bar.
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
  if (isApiPath(target.pathname)) refuseOtherOrigins(req);
  const { token } = policy;
  if (token === null) return false;
  if (!isApiPath(target.pathname)) {
    const given = target.search.get("token");
    if (given === null) return false;
    if (!sameToken(given, token)) throw new HttpError("UNAUTHORIZED", "wrong token");
    const search = new URLSearchParams(target.search);
    search.delete("token");
    const query = search.toString();
    // One leading slash only: `//host` in a Location header would leave this server.
    const path = `/${target.pathname.replace(/^[/\\]+/, "")}`;
    res.statusCode = 303;
    res.setHeader("Location", `${query === "" ? path : `${path}?${query}`}#token=${token}`);
    res.setHeader("Cache-Control", "no-store");
    res.end();
    return true;
  }
  const presented = presentedToken(req, target);
  if (presented === undefined || !sameToken(presented, token)) {
    res.setHeader("WWW-Authenticate", 'Bearer realm="phaser-events"');
    throw new HttpError(
      "UNAUTHORIZED",
      "this server needs its token: open the URL it printed, or send Authorization: Bearer <token>",
    );
  }
  return false;
}

/** Throws FORBIDDEN_ORIGIN for a request made by a page of another origin (see {@link guardAccess}). */
function refuseOtherOrigins(req: IncomingMessage): void {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    throw new HttpError(
      "FORBIDDEN_ORIGIN",
      `this server answers its own pages only (Sec-Fetch-Site: ${site})`,
    );
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, req.headers.host)) {
    throw new HttpError(
      "FORBIDDEN_ORIGIN",
      `this server answers its own pages only (Origin: ${JSON.stringify(origin)})`,
    );
  }
}

/** True when `origin` (`http://host:port`) names the host the request was sent to. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    // https: the server behind a TLS proxy that passes the Host on.
    const web = url.protocol === "http:" || url.protocol === "https:";
    return web && url.host === new URL(`http://${host}`).host;
  } catch {
    return false; // "null" (a file:// or sandboxed page), or not a URL
  }
}
