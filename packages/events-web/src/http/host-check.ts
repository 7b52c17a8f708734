import { isIP } from "node:net";

/** True for a host name or address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

/** `host` as it appears in a URL or a `Host` header: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * Where a browser on this machine reaches a server bound to `host`: the host
 * itself, except for the unspecified addresses (`0.0.0.0`, `::`: every
 * interface), which no browser can open, and which this machine reaches as
 * `127.0.0.1` (or `[::1]`).
 */
export function openableHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::" || host === "[::]") return "[::1]";
  return urlHost(host);
}

/**
 * The `Host` headers a server bound to a loopback host accepts: the bound
 * host, `localhost`, `127.0.0.1` and `[::1]`, each with the port (or bare on
 * port 80). Anything else is a page of another site reaching this one through
 * DNS rebinding, and is refused.
 */
export function allowedHostHeaders(host: string, port: number): ReadonlySet<string> {
  const names = new Set([urlHost(host).toLowerCase(), "localhost", "127.0.0.1", "[::1]"]);
  const allowed = new Set<string>();
  for (const name of names) {
    allowed.add(`${name}:${port}`);
    if (port === 80) allowed.add(name);
  }
  return allowed;
}
