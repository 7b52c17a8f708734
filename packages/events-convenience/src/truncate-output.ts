import { MAX_OUTPUT_LENGTH } from "@phaser/events-core";

/**
 * How much of an unterminated control string goes: more than a window title
 * or a working directory (OSC 7) takes, little beside a long line of output
 * printed after a lost terminator.
 */
const UNTERMINATED_MAX = 512;
/**
 * A control string's content: no line break, BEL, escape or C1 control. As
 * no match can start inside another's content, stripping stays linear in the
 * text's length however many introducers it holds.
 */
const CONTENT = String.raw`[^\x07\n\x1b\x80-\x9f]`;

/**
 * Terminal control sequences, as ECMA-48 defines them: a CSI sequence (`ESC [`
 * or the one-byte C1 `U+009B`, parameters, a final byte), a control string
 * (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`, APC `ESC _`, or their C1
 * forms) with its terminator (BEL, `ESC \` or `U+009C`), or `ESC` and the one
 * or two bytes of a short escape.
 *
 * A control string never runs past a line break, nor past another escape or
 * C1 control. Terminated on its line, it goes whole, however long (an OSC 8
 * hyperlink's URL, an OSC 52 clipboard payload). Unterminated, it goes up to
 * the line break, at most {@link UNTERMINATED_MAX} characters: a tool that
 * printed `ESC ]0;title` without its BEL must not take the lines after it
 * (the `FAIL` and the assertion a test runner prints next) out of the
 * evidence, as it did when such a string ran to the end of the output.
 */
const CONTROL_SEQUENCE = new RegExp(
  [
    String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`,
    String.raw`(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])` +
      String.raw`(?:${CONTENT}*(?:\x07|\x1b\\|\x9c)|${CONTENT}{0,${UNTERMINATED_MAX}})`,
    String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]?`,
  ].join("|"),
  "g",
);
/** What is left that a terminal acts on: C0 but tab and newline, DEL, C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what it matches.
const CONTROL_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * `text` without what a terminal would act on: colour codes, cursor moves,
 * window titles, clipboard writes (OSC 52) and every other control sequence
 * or control character go; tabs and line breaks stay. A carriage return ends
 * a line (`\r\n` is one line break; a lone `\r`, as progress bars print, is
 * one too), so no line overwrites another.
 */
export function stripTerminalControls(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL_SEQUENCE, "").replace(CONTROL_CHARACTER, "");
}

/**
 * The part of `max` kept from the start of a long output; the rest goes to its
 * end, where test runners and compilers print the cause of a failure.
 */
const HEAD_SHARE = 0.2;

/** What stands where characters were cut out. */
function cutMarker(count: number): string {
  return `\n[… ${count} characters cut …]\n`;
}

/**
 * Output fit for `verification_failed.data.output`, which holds at most `max`
 * characters (UTF-16 code units; default {@link MAX_OUTPUT_LENGTH}, 1,000):
 * {@link stripTerminalControls} first, then, if it is still too long, its
 * first fifth and as much of its end as fits (each cut moved to a line break
 * when one is near), joined by a line that says how many characters were cut. A surrogate pair is never split. When `max` is
 * too small for that line, only the end is kept.
 */
export function truncateOutput(output: string, max: number = MAX_OUTPUT_LENGTH): string {
  if (!Number.isInteger(max) || max < 0) {
    throw new RangeError(`truncateOutput: max must be a whole number, 0 or more (got ${max})`);
  }
  const text = stripTerminalControls(output);
  if (text.length <= max) return text;
  // Sized for the largest count it can say (the whole text), so the result never exceeds max.
  const room = cutMarker(text.length).length;
  if (max < room * 2) return text.slice(startOfTail(text, text.length - max));
  const headEnd = endOfHead(text, atLineEnd(text, Math.floor(max * HEAD_SHARE)));
  const tailStart = startOfTail(text, atLineStart(text, text.length - (max - room - headEnd)));
  const head = text.slice(0, headEnd);
  const marker = cutMarker(tailStart - headEnd);
  return `${head}${head.endsWith("\n") ? marker.slice(1) : marker}${text.slice(tailStart)}`;
}

/** How far a cut moves to fall between two lines instead of inside one. */
const LINE_SLACK = 80;

/** The end of the last whole line before `end`, if one ends shortly before it; else `end`. */
function atLineEnd(text: string, end: number): number {
  const newline = text.lastIndexOf("\n", end - 1);
  return newline >= 0 && end - (newline + 1) <= LINE_SLACK ? newline + 1 : end;
}

/** The start of the first whole line from `start`, if one starts shortly after it; else `start`. */
function atLineStart(text: string, start: number): number {
  const newline = text.indexOf("\n", start);
  return newline >= 0 && newline + 1 - start <= LINE_SLACK ? newline + 1 : start;
}

/** `end`, or one less when a cut there would split a surrogate pair. */
function endOfHead(text: string, end: number): number {
  return isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))
    ? end - 1
    : end;
}

/** `start`, or one more when a cut there would split a surrogate pair. */
function startOfTail(text: string, start: number): number {
  return isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))
    ? start + 1
    : start;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
