import { html } from "../../html.js";

export interface BarItem {
  readonly label: string;
  readonly value: number;
  /** A part of `value` drawn in another colour (e.g. flaky runs among failures). */
  readonly part?: number;
  readonly note?: string;
}

/** Labelled horizontal bars, scaled to the largest value; the numbers are text beside them. */
export function BarList({
  items,
  label,
  tone,
}: {
  readonly items: readonly BarItem[];
  readonly label: string;
  /** `fail` for failures (red), `neutral` for counts that are neither good nor bad. */
  readonly tone: "fail" | "neutral";
}) {
  const max = Math.max(1, ...items.map((item) => item.value));
  return html`
    <ul class=${`bar-list tone-${tone}`} aria-label=${label}>
      ${items.map(
        (item) => html`
          <li>
            <span class="bar-label" title=${item.label}><bdi>${item.label}</bdi></span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar-fill" style=${{ width: `${(item.value / max) * 100}%` }}>
                ${
                  item.part === undefined || item.value === 0
                    ? null
                    : html`<span class="bar-part" style=${{ width: `${(item.part / item.value) * 100}%` }}></span>`
                }
              </span>
            </span>
            <span class="bar-value">${item.value}${item.note === undefined ? "" : ` ${item.note}`}</span>
          </li>
        `,
      )}
    </ul>
  `;
}
