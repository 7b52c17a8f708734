/**
 * How many terminal columns text takes, and text cut to a number of columns.
 * For text already made printable (no control characters) and without colour
 * codes. East Asian wide and fullwidth characters and emoji take two columns,
 * combining marks and format characters (ZWJ, variation selectors) none.
 * Terminals disagree on emoji sequences (a family joined by ZWJs is drawn as
 * one, two or six columns): counted here as the sum of their parts, the most,
 * so a line cut to fit never wraps.
 */

/** Zero-width: combining marks and format characters (ZWJ, ZWNJ, variation selectors…). */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
/** Drawn as emoji, two columns, unless a variation selector asks for text. */
const EMOJI = /^\p{Emoji_Presentation}$/u;

/** East Asian Wide (W) and Fullwidth (F) blocks, from Unicode's EastAsianWidth.txt. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x18cff], // Tangut, Khitan
  [0x1b000, 0x1b2ff], // Kana supplement and extensions, Nushu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff], // supplemental symbols and pictographs
  [0x20000, 0x3fffd], // CJK extensions B and later
];

function isWide(code: number): boolean {
  for (const [from, to] of WIDE_RANGES) {
    if (code < from) return false;
    if (code <= to) return true;
  }
  return false;
}

/** Columns one code point takes. */
function charWidth(char: string): number {
  const code = char.codePointAt(0) as number;
  if (code < 0x300) return 1; // ASCII and Latin: the common case, before any regex
  if (ZERO_WIDTH.test(char)) return 0;
  return isWide(code) || EMOJI.test(char) ? 2 : 1;
}

/** Whether every character is printable ASCII, one column each. */
const ASCII = /^[\x20-\x7e]*$/;

/** The columns `text` takes in a terminal. */
export function displayWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/**
 * `text` cut to at most `columns` terminal columns, ending in `…` when cut. A
 * wide character that would straddle the limit is left out whole, and marks
 * stay with the character before them.
 */
export function fitWidth(text: string, columns: number): string {
  if (columns <= 0) return "";
  if (text.length <= columns && ASCII.test(text)) return text;
  if (displayWidth(text) <= columns) return text;
  let out = "";
  let width = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (width + w > columns - 1) break;
    out += char;
    width += w;
  }
  return `${out}…`;
}
