import { stripTerminalControls } from "@phaser/events-convenience";

/**
 * Stored text (commands, titles, paths, errors, output) written into
 * Markdown for GitHub, GitLab or Buildkite: it is data, so it must render as
 * the characters it holds, never as formatting, links, HTML or a way out of
 * the block it sits in. Terminal control sequences are stripped first (a
 * summary is no terminal; `stripTerminalControls` is the rule the web view
 * applies too).
 */

/**
 * ASCII punctuation that means something inline in GitHub Flavored Markdown:
 * emphasis, code spans, links and images, HTML and entities, table cells,
 * strikethrough, math (`$`), headings' closing `#`, and the `.`, `:` and `@`
 * of autolinked `www.`, `https://` and e-mail addresses. CommonMark lets a
 * backslash escape any of them, and the backslash is then not shown.
 */
const INLINE_SPECIAL = /[\\`*_{}[\]()<>#!|~&$.:@]/g;

/** One line of stored text as Markdown inline text: line breaks become spaces. */
export function markdownText(text: string): string {
  return oneLine(text).replace(INLINE_SPECIAL, "\\$&");
}

/** One line of stored text as HTML text (for `<summary>`, which Markdown leaves as raw HTML). */
export function htmlText(text: string): string {
  return oneLine(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** `text` without terminal controls, its line breaks and the spaces around them one space. */
export function oneLine(text: string): string {
  return stripTerminalControls(text)
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

/**
 * A fenced code block showing `text` verbatim: a backtick fence one longer
 * than the longest run of backticks in it (at least three), so no line of
 * the text can close it. `text` must have no terminal controls and no `\r`.
 */
export function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}\n`;
}

/** The end of a command's output, as a summary shows it. */
export interface OutputTail {
  /** Its last lines, terminal controls stripped, without trailing line breaks. */
  readonly text: string;
  /** Lines of the whole output (after stripping). */
  readonly totalLines: number;
  /** Lines in {@link text} (the first may be the end of a cut line). */
  readonly shownLines: number;
  /** Whether {@link text} is the whole output (after stripping). */
  readonly complete: boolean;
}

/**
 * The last `maxLines` lines of `output`, terminal controls stripped, and at
 * most `maxBytes` of UTF-8: whole lines dropped from the start, then, if one
 * line is still too long, its start (never half a character).
 */
export function outputTail(output: string, maxLines: number, maxBytes: number): OutputTail {
  const all = stripTerminalControls(output).replace(/\n+$/, "").split("\n");
  const lines = all.slice(-maxLines);
  let bytes = Buffer.byteLength(lines.join("\n"));
  while (lines.length > 1 && bytes > maxBytes) {
    bytes -= Buffer.byteLength(lines.shift() as string) + 1;
  }
  const complete = lines.length === all.length && bytes <= maxBytes;
  if (bytes > maxBytes) {
    const chars = [...(lines[0] as string)];
    let size = bytes;
    let start = 0;
    while (size > maxBytes) size -= Buffer.byteLength(chars[start++] as string);
    lines[0] = chars.slice(start).join("");
  }
  return { text: lines.join("\n"), totalLines: all.length, shownLines: lines.length, complete };
}
