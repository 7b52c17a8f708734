/**
 * One value as one line of JSON, the same value `JSON.stringify` writes, with
 * the characters it leaves raw that a terminal may act on written as `\u`
 * escapes: DEL and C1 controls (U+007F–U+009F) and the bidirectional
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069). C0 controls are
 * escaped by `JSON.stringify` already. These characters can only occur inside
 * JSON strings, where `\uXXXX` means the same character, so any JSON reader
 * gets exactly the value stored, and `--json` output is safe on a terminal.
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(RAW, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}

const RAW = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
