import { displayText } from "./display-text.js";

/**
 * How much of a long stored text (a command, an output, an error, a path) the
 * detail pane draws until the reader asks for all of it. No payload field but
 * `output` has a length limit, and `output` has one only when a writer used
 * `truncateOutput`: a 5 MB command drawn whole was a 1.5 s task and a box a
 * million pixels tall; 10,000 characters are a few screens, drawn at once.
 */
export const TEXT_MAX = 10_000;

/** How much of a stored text one line shows: a table summary, a chart label, a title. */
export const LINE_MAX = 300;

/** A text made fit to show, and cut. */
export interface CutText {
  /** The first characters, at most the cap. */
  readonly shown: string;
  /** How many characters were left out (0: `shown` is the whole text). */
  readonly omitted: number;
}

/**
 * `text` cut to at most `max` characters (UTF-16 code units), never between
 * the two halves of a surrogate pair.
 */
export function cutText(text: string, max: number = TEXT_MAX): CutText {
  if (text.length <= max) return { shown: text, omitted: 0 };
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return { shown: text.slice(0, end), omitted: text.length - end };
}

/**
 * A stored value shown on one line: made fit to show ({@link displayText}) and
 * cut to `max` characters, the last an ellipsis when there was more. Only the
 * start is cleaned: a line drawn again at each scroll must not cost what its
 * whole 5 MB string would. Cleaning a string's start gives the start of the
 * cleaned whole (a control sequence cut in two is dropped, as it is whole).
 */
export function lineText(value: unknown, max: number = LINE_MAX): string {
  const text = value === undefined || value === null ? "" : String(value);
  if (text.length <= max) return displayText(text);
  // The start may end inside a character; once cleaned it may also be shorter than the cut.
  const start = displayText(dropLoneHighSurrogate(text.slice(0, max)));
  return `${cutText(start, max - 1).shown}…`;
}

/** `text` without a last half of a surrogate pair whose other half was cut off. */
function dropLoneHighSurrogate(text: string): string {
  return isHighSurrogate(text.charCodeAt(text.length - 1)) ? text.slice(0, -1) : text;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
