/**
 * Whether `rest`, the bytes after the last complete element of `events` up
 * to the end of the file, are what an append cut short leaves: a prefix of
 * the separator and a record line the append was writing (no line break in
 * it), or a few bytes of the separator followed by what remained of the
 * closing it was overwriting. Anything else is not this store's torn tail.
 *
 * An append writes, from the byte after the last element, `,\n    ` (or
 * `\n    ` into an empty array), the record lines and a new closing.
 */
export function isTornTail(rest: string, afterElement: boolean): boolean {
  const separator = afterElement ? ",\n    " : "\n    ";
  let k = 0;
  while (k < rest.length && k < separator.length && rest[k] === separator[k]) k++;
  const after = rest.slice(k);
  if (rest.length === 0) return true; // cut right after a complete record
  if (k === separator.length && !after.includes("\n")) return true; // a partial record line
  if (k > 0) return CLOSING_REMNANT.test(after);
  return CLOSING_PREFIX.test(after); // an undo cut short: part of the closing written back
}

/** The first bytes of a closing, without the `}` that would complete the file. */
const CLOSING_PREFIX = /^\s*(\]\s*)?$/;

/** What can remain of a closing `]` + `}` after its first bytes were overwritten. */
const CLOSING_REMNANT = /^\s*(\]\s*)?(\}\s*)?$/;
