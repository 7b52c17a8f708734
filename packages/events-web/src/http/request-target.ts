/** A request's path and query, as sent (the path not yet decoded). */
export interface RequestTarget {
  readonly pathname: string;
  readonly search: URLSearchParams;
}

/**
 * Splits `req.url` at its `?`. Not `new URL(raw, base)`: that reads a path
 * such as `//host/x` as another host.
 */
export function parseTarget(raw: string | undefined): RequestTarget {
  const url = raw ?? "/";
  const at = url.indexOf("?");
  return at < 0
    ? { pathname: url, search: new URLSearchParams() }
    : { pathname: url.slice(0, at), search: new URLSearchParams(url.slice(at + 1)) };
}

/** True for the JSON API's paths; everything else is a page or a static file. */
export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}
