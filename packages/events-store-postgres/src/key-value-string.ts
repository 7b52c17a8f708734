/**
 * libpq's other connection string form, `host=db port=5432 dbname=events
 * user=ann password='s3 cr\'et'`: keyword = value pairs separated by spaces,
 * a value single-quoted when it is empty or holds spaces, `\'` and `\\`
 * escaping a quote and a backslash. node-postgres reads no such string (it
 * takes it for a URL path, so the whole string, password included, became the
 * database name in its messages): the store reads it here instead.
 */

/** One `keyword=value` pair: a quoted value, or a run of non-spaces; backslash escapes in both. */
const PAIR =
  /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:'((?:[^'\\]|\\[\s\S])*)'|((?:[^\s'\\]|\\[\s\S])*))(?=\s|$)/y;

/** The keywords the store turns into node-postgres settings (see connection-string.ts). */
export const KEY_VALUE_KEYWORDS: ReadonlySet<string> = new Set([
  "host",
  "hostaddr",
  "port",
  "dbname",
  "user",
  "password",
  "sslmode",
  "sslcert",
  "sslkey",
  "sslrootcert",
  "application_name",
  "fallback_application_name",
  "options",
  "connect_timeout",
  "client_encoding",
]);

/**
 * The pairs of a key=value string, in order; undefined when `text` is not
 * one: it does not follow the grammar, or names none of
 * {@link KEY_VALUE_KEYWORDS} (a folder called `a=b` stays a folder).
 */
export function parseKeyValueString(text: string): Map<string, string> | undefined {
  const pairs = new Map<string, string>();
  PAIR.lastIndex = 0;
  while (PAIR.lastIndex < text.length && text.slice(PAIR.lastIndex).trim() !== "") {
    const match = PAIR.exec(text);
    if (match === null) return undefined;
    const [, keyword = "", quoted, bare] = match;
    pairs.set(keyword, (quoted ?? bare ?? "").replace(/\\([\s\S])/g, "$1"));
  }
  if (![...pairs.keys()].some((keyword) => KEY_VALUE_KEYWORDS.has(keyword))) return undefined;
  return pairs;
}
