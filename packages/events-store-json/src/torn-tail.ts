import { MAX_RECORD_BYTES } from "./limits.js";

/** The longest tail worth checking: a separator, a record line at its limit, a closing. */
export const MAX_TORN_BYTES = MAX_RECORD_BYTES + 64;

const SEPARATOR = Buffer.from(",\n    ");
const FIRST = Buffer.from("\n    ");

/**
 * Whether `rest`, the bytes after the last complete element of `events` up
 * to the end of the file, are what an append cut short leaves: a prefix of
 * the separator and the record line the append was writing (no line break in
 * it), or a few bytes of the separator followed by what remained of the
 * closing it was overwriting, or part of a closing an undo was writing back.
 * Anything else is not this store's torn tail.
 *
 * An append writes, from the byte after the last element, `,\n    ` (or
 * `\n    ` into an empty array), the record lines and a new closing.
 */
export function isTornTail(rest: Buffer, afterElement: boolean): boolean {
  if (rest.length === 0) return true; // cut right after a complete record
  const separator = afterElement ? SEPARATOR : FIRST;
  let k = 0;
  while (k < rest.length && k < separator.length && rest[k] === separator[k]) k++;
  const after = rest.subarray(k);
  if (k === separator.length && after.indexOf(0x0a) === -1) return true; // a partial record line
  if (after.length > 64) return false;
  const text = after.toString("latin1");
  if (k > 0) return CLOSING_REMNANT.test(text);
  return CLOSING_PREFIX.test(text);
}

/** What can remain of a closing `]` + `}` after its first bytes were overwritten. */
const CLOSING_REMNANT = /^\s*(\]\s*)?(\}\s*)?$/;
/** The first bytes of a closing, without the `}` that would complete the file. */
const CLOSING_PREFIX = /^\s*(\]\s*)?$/;
