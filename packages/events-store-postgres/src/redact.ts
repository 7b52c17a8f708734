/**
 * A connection string fit for messages and logs: its password, in the
 * userinfo (`postgres://user:secret@host/db`) or as a `password=` parameter,
 * is replaced by `***`. Everything else is kept so the reader can tell which
 * server and database were meant.
 */
export function redactConnectionString(url: string): string {
  return redactUserinfo(url).replace(/([?&]password=)[^&#]*/gi, "$1***");
}

/**
 * The authority runs from `//` to the first `/`, `?` or `#`, and the user
 * info to its LAST `@`, as URL parsers read it: a password holding an
 * unencoded `@` is hidden whole.
 */
function redactUserinfo(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([\s\S]*)$/i.exec(url);
  if (match === null) return url;
  const [, scheme = "", authority = "", rest = ""] = match;
  const at = authority.lastIndexOf("@");
  const colon = authority.indexOf(":");
  if (at < 0 || colon < 0 || colon > at) return url;
  return `${scheme}${authority.slice(0, colon + 1)}***${authority.slice(at)}${rest}`;
}

/**
 * Removes every occurrence of `secret` from `text` (driver messages, stack
 * traces) in case one quoted it.
 */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === "") return text;
  return text.split(secret).join("***");
}
