import { useMemo, useState } from "preact/hooks";
import { cutText, TEXT_MAX } from "../../format/cut-text.js";
import { displayText } from "../../format/display-text.js";
import { html } from "../../html.js";

export interface LongTextProps {
  /** The stored string. */
  readonly text: string;
  /** The element that holds it: `pre` for an output or an error, `code` for a command or a path. */
  readonly as: "pre" | "code";
  readonly class?: string;
  /** A `pre`'s accessible name: it is focusable, so its content can be scrolled from the keyboard. */
  readonly label?: string;
}

/**
 * A stored text of any length, drawn cut to {@link TEXT_MAX} characters, with
 * a note of how many were left out and a button that draws them all (then
 * one that cuts them again). Selecting a phase with a 10 MB error draws
 * 10,000 characters, not ten million (870 ms before, every time); the whole
 * is drawn only when the reader asks for it.
 */
export function LongText({ text, as, class: className, label }: LongTextProps) {
  const clean = useMemo(() => displayText(text), [text]);
  const cut = useMemo(() => cutText(clean), [clean]);
  // The text whose whole was asked for: another text (a new selection) opens cut again.
  const [wholeOf, setWholeOf] = useState<string | undefined>(undefined);
  const whole = wholeOf === clean;
  const shown = whole ? clean : cut.shown;
  // A command or a path sits in a line with other words: isolated, its bidi controls end with it.
  const holder =
    as === "pre"
      ? html`<pre class=${className} tabindex="0" aria-label=${label}>${shown}</pre>`
      : html`<code class=${className}><bdi>${shown}</bdi></code>`;
  if (cut.omitted === 0) return holder;
  return html`
    ${holder}
    <p class="cut-note">
      ${
        whole
          ? `All ${count(clean.length)} characters shown.`
          : `${count(cut.omitted)} more characters not shown (${count(clean.length)} in all).`
      }
      ${" "}
      <button type="button" onClick=${() => setWholeOf(whole ? undefined : clean)}>
        ${whole ? "Show less" : "Show all"}
      </button>
    </p>
  `;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
