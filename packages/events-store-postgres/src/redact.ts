/**
 * A connection string fit for messages and logs: its password, in a URL's
 * user info (`postgres://user:secret@host/db`), a `password=` query
 * parameter, or a key=value string's `password=…` (quoted or not), is
 * replaced by `***`. Everything else is kept so the reader can tell which
 * server and database were meant.
 */
export function redactConnectionString(value: string): string {
  return redactUserinfo(value)
    .replace(/([?&]password=)[^&#]*/gi, "$1***")
    .replace(KEY_VALUE_PASSWORD, "$1***");
}

/** `password = value` in a key=value string: a quoted value (closed or not) or a run of non-spaces. */
const KEY_VALUE_PASSWORD =
  /((?:^|\s)password\s*=\s*)(?:'(?:[^'\\]|\\[\s\S])*'?|(?:[^\s\\]|\\[\s\S])*)/gi;

/**
 * The password runs from the user's colon to the LAST `@` of the string, not
 * of the authority: a password holding a raw `/`, `?` or `#` ends the
 * authority early (`postgres://u:p@ss/w%rd@host/db`), and hiding up to the
 * last `@` hides all of it. The price, a `@` in a query parameter hiding
 * more than the password, is paid in detail, never in secrecy.
 */
function redactUserinfo(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (match === null) return url;
  const start = match[0].length;
  const colon = url.indexOf(":", start);
  const firstAt = url.indexOf("@", start);
  const lastAt = url.lastIndexOf("@");
  if (colon < 0 || firstAt < 0 || colon > firstAt) return url;
  return `${url.slice(0, colon + 1)}***${url.slice(lastAt)}`;
}

/**
 * Removes every occurrence of `secret`, as is and percent-encoded, from
 * `text` (driver messages, stack traces) in case one quoted it.
 */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === "") return text;
  let clean = text.split(secret).join("***");
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) clean = clean.split(encoded).join("***");
  return clean;
}
