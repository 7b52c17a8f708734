/**
 * A connection string fit for messages and logs: its password, in the
 * userinfo (`postgres://user:secret@host/db`) or as a `password=` parameter,
 * is replaced by `***`. Everything else is kept so the reader can tell which
 * server and database were meant.
 */
export function redactConnectionString(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^@/?#]*@/i, "$1***@")
    .replace(/([?&]password=)[^&#]*/gi, "$1***");
}

/**
 * Removes every occurrence of `secret` from `text` (driver messages, stack
 * traces) in case one quoted it.
 */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === "") return text;
  return text.split(secret).join("***");
}
