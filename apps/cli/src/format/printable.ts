/**
 * Text from stored data (command output, paths, names, projects, messages
 * that quote them) made safe to show in a terminal. Any writer of a shared
 * store can put control characters there, and a terminal obeys them: OSC 52
 * writes the reader's clipboard, OSC 0 retitles the window, `ESC[2J` clears
 * it, a bare `\r` lets a line overwrite what was printed before it. So every
 * human-readable line shows them as visible text instead:
 *
 * - C0 controls (U+0000–U+001F, the line feed included) and DEL become their
 *   Unicode Control Pictures, one column each: ESC `␛`, BEL `␇`, CR `␍`, LF
 *   `␊`, NUL `␀`, DEL `␡`. A tab becomes spaces up to the next multiple of 8
 *   (what the terminal would show; a tab moves right and nothing else).
 * - C1 controls (U+0080–U+009F: `\u009b` is a one-character CSI to a terminal
 *   that reads them) and the bidirectional embeddings, overrides and isolates
 *   (U+202A–U+202E, U+2066–U+2069, the "Trojan Source" set, CVE-2021-42574),
 *   which reorder the characters a reader sees, become `\u009b`, `\u202e`: no
 *   picture exists for them, and that is how `--json` writes them too. The
 *   marks LRM, RLM and ALM stay: they only nudge neutral characters and are
 *   part of ordinary right-to-left text.
 *
 * Where a line break is the layout's own (a command's output shown line by
 * line), {@link printableLines} splits on it first.
 */

const TAB_STOP = 8;
/** Control Pictures: U+2400 + code for C0, U+2421 for DEL. */
const PICTURES_START = 0x2400;
const DEL_PICTURE = "␡";

/** Whether `code` is a character {@link printable} rewrites. */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Whether `text` has nothing {@link printable} would change: the common case, checked without copying. */
function isPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isUnsafe(text.charCodeAt(i))) return false;
  return true;
}

/**
 * `text` on one line, with every control character shown as visible text
 * (see the module comment): safe to print to a terminal inside a line of ours.
 */
export function printable(text: string): string {
  if (isPrintable(text)) return text;
  let out = "";
  let column = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code === 0x09) {
      const spaces = TAB_STOP - (column % TAB_STOP);
      out += " ".repeat(spaces);
      column += spaces;
      continue;
    }
    if (!isUnsafe(code)) {
      out += char;
      column++;
      continue;
    }
    if (code < 0x20) out += String.fromCharCode(PICTURES_START + code);
    else if (code === 0x7f) out += DEL_PICTURE;
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
    column++;
  }
  return out;
}

/**
 * `text` split at its line breaks (`\n` or `\r\n`), each line {@link printable}.
 * A bare `\r`, which would overwrite the line, stays visible as `␍`.
 */
export function printableLines(text: string): string[] {
  return text.split(/\r?\n/).map(printable);
}

/** A message that may quote stored data, its own line breaks kept: for errors and warnings. */
export function printableMessage(text: string): string {
  return printableLines(text).join("\n");
}
