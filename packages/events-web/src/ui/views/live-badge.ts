import type { LiveStatus } from "../data/data-source.js";
import { html } from "../html.js";

const LABELS: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  polling: "Live (polling)",
  static: "Report",
};

/** How live updates reach the page, said politely to screen readers when it changes. */
export function LiveBadge({ status }: { readonly status: LiveStatus }) {
  return html`
    <span class=${`live-badge live-${status}`} role="status" aria-live="polite" data-status=${status}>
      ${LABELS[status]}
    </span>
  `;
}
