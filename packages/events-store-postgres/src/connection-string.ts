import type pg from "pg";
import { parse } from "pg-connection-string";
import { PostgresConnectionStringError } from "./errors/connection-string-error.js";
import { KEY_VALUE_KEYWORDS, parseKeyValueString } from "./key-value-string.js";

/** What a store location is: a PostgreSQL connection string, or a folder path. */
export type StoreLocation = "postgres" | "path";

/**
 * A scheme: two characters or more (so a Windows drive, `C:/events`, stays a
 * path), then a colon. It is safe to name in a message: a password comes
 * after a colon, so what precedes the first one is at most a user name.
 */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]+):/;
const POSTGRES_SCHEMES = new Set(["postgres", "postgresql"]);

/**
 * Says whether `value` (a CLI's `--store`, say) is a PostgreSQL connection
 * string, a `postgres://` / `postgresql://` URL or libpq's `key=value` form,
 * or a folder path. Throws {@link PostgresConnectionStringError} naming the
 * scheme for what looks like a URL of another or mistyped scheme
 * (`postgress://…`, `postgresql:/…`, `http://…`): taken for a path, it would
 * become a folder named after the URL, password and all.
 */
export function classifyStoreLocation(value: string): StoreLocation {
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme !== undefined) {
    const known = POSTGRES_SCHEMES.has(scheme.toLowerCase());
    const rest = value.slice(scheme.length + 1);
    if (known && rest.startsWith("//")) return "postgres";
    if (known || rest.startsWith("/")) {
      const shown = `${scheme.slice(0, 40)}:`;
      throw new PostgresConnectionStringError(
        known
          ? `"${shown}" must be followed by "//" (postgres://user:password@host:port/database)`
          : `unknown scheme "${shown}": use postgres:// or postgresql://`,
        shown,
      );
    }
  }
  return parseKeyValueString(value) === undefined ? "path" : "postgres";
}

/**
 * The node-postgres settings a connection string stands for, checked before
 * anything connects. node-postgres would take a key=value string, or a URL
 * whose password holds a raw `@`, `/`, `?` or `#`, for a URL of another shape
 * and put pieces of the password in the host (a DNS lookup) or the database
 * name (error messages); such strings are read here or refused. Throws
 * {@link PostgresConnectionStringError}, whose message never holds the string.
 */
export function connectionSettings(value: string): pg.ClientConfig {
  if (classifyStoreLocation(value) === "path") {
    throw new PostgresConnectionStringError(
      "expected a URL, postgres://user:password@host:port/database, or key=value pairs, host=… port=… dbname=… user=…",
    );
  }
  const pairs = SCHEME.test(value) ? undefined : parseKeyValueString(value);
  return pairs === undefined ? urlSettings(value) : keyValueSettings(pairs);
}

function urlSettings(url: string): pg.ClientConfig {
  // The authority ends at the first "/", "?" or "#"; an "@" after it means the password
  // held one of those, unencoded, and the URL parser would cut it there.
  const authority = /^[^:]+:\/\/[^/?#]*/.exec(url)?.[0] ?? "";
  if (url.slice(authority.length).includes("@")) {
    throw new PostgresConnectionStringError(
      'an "@" follows the host part: a user name or password holding "@", "/", "?", "#", ":" or "%" must be percent-encoded (encodeURIComponent)',
    );
  }
  try {
    // What node-postgres itself merges into its settings (a string port included).
    return parse(url) as unknown as pg.ClientConfig;
  } catch {
    // The parser's message may quote the URL: say only what to do.
    throw new PostgresConnectionStringError(
      "the URL cannot be parsed; percent-encode the user name and password (encodeURIComponent)",
    );
  }
}

function keyValueSettings(pairs: ReadonlyMap<string, string>): pg.ClientConfig {
  const unknown = [...pairs.keys()].filter((keyword) => !KEY_VALUE_KEYWORDS.has(keyword));
  if (unknown.length > 0) {
    throw new PostgresConnectionStringError(
      `unknown or unsupported keyword${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(", ")}; known: ${[...KEY_VALUE_KEYWORDS].join(", ")}`,
    );
  }
  const settings: Record<string, unknown> = {};
  const host = pairs.get("host") ?? pairs.get("hostaddr");
  if (host !== undefined) settings.host = host;
  for (const [keyword, field] of [
    ["port", "port"],
    ["connect_timeout", "connectionTimeoutMillis"],
  ] as const) {
    const text = pairs.get(keyword);
    if (text === undefined) continue;
    if (!/^\d{1,9}$/.test(text)) {
      throw new PostgresConnectionStringError(`${keyword} must be a whole number`);
    }
    settings[field] = keyword === "port" ? Number(text) : Number(text) * 1000;
  }
  for (const [keyword, field] of [
    ["dbname", "database"],
    ["user", "user"],
    ["password", "password"],
    ["application_name", "application_name"],
    ["fallback_application_name", "fallback_application_name"],
    ["options", "options"],
    ["client_encoding", "client_encoding"],
  ] as const) {
    const text = pairs.get(keyword);
    if (text !== undefined) settings[field] = text;
  }
  const ssl = new URLSearchParams();
  for (const keyword of ["sslmode", "sslcert", "sslkey", "sslrootcert"]) {
    const text = pairs.get(keyword);
    if (text !== undefined) ssl.set(keyword, text);
  }
  // The same SSL settings a URL's query would give: node-postgres's own reading of them.
  if (ssl.size > 0) settings.ssl = parse(`postgres://localhost/?${ssl}`).ssl;
  return settings as pg.ClientConfig;
}
