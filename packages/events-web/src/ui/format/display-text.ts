import { stripTerminalControls } from "@phaser/events-convenience";

/**
 * The bidirectional formatting characters: the embeddings and overrides
 * (U+202A–U+202E), the isolates (U+2066–U+2069) and the marks (LRM U+200E,
 * RLM U+200F, ALM U+061C). In a stored string they act on what the page
 * shows around it: an RLO reverses the text after it ("Trojan Source",
 * CVE-2021-42574), and a stray PDI (U+2069) closes the isolation of the
 * `<bdi>` or U+2068 it sits in, so the override then reaches the page's own
 * words and numbers. A mark is invisible and changes where neutral
 * characters go; a reader cannot tell it is there.
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with each bidirectional formatting character shown as its code
 * point, `<U+202E>`, as GitHub reveals them in code: visible, and inert.
 * Right-to-left letters (Hebrew, Arabic) are kept; the element around each
 * stored part isolates them.
 */
export function showBidiControls(text: string): string {
  return text.replace(
    BIDI_CONTROL,
    (char) => `<U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}>`,
  );
}

/**
 * A stored string made fit to show: what a terminal would act on (colours,
 * OSC 52 clipboard writes, screen clears, other control characters) removed,
 * tabs and line breaks kept, and bidirectional formatting characters shown
 * ({@link showBidiControls}), so a stored string cannot reorder the page
 * around it. The result is still only ever rendered as text, each stored
 * part in an element or isolate of its own (`<bdi>`, U+2068 … U+2069).
 */
export function displayText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return showBidiControls(stripTerminalControls(typeof value === "string" ? value : String(value)));
}
