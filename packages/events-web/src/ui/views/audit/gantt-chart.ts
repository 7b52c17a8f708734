import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { GanttRow } from "../../gantt/gantt-rows.js";
import { html } from "../../html.js";
import { GanttAxis } from "./gantt-axis.js";
import { GanttRowView } from "./gantt-row.js";
import { GanttTooltip } from "./gantt-tooltip.js";
import { useWidth } from "./use-width.js";
import { zoomStep } from "./zoom.js";

/** The width of the label column, in px (as in app.css). */
const LABEL_PX = 260;

export interface GanttChartProps {
  readonly rows: readonly GanttRow[];
  readonly domain: readonly [number, number];
  readonly selectedKey: string | undefined;
  readonly isDimmed: (row: GanttRow) => boolean;
  readonly zoom: number;
  readonly onZoom: (zoom: number) => void;
  readonly onSelect: (row: GanttRow) => void;
  /** Bumped when the selection came from elsewhere, so the chart brings the selected bar into view. */
  readonly revealToken: number;
}

interface Tip {
  readonly key: string;
  /** The bar it belongs to: the tooltip is placed under it at each render. */
  readonly target: HTMLElement;
}

/** The phases and their attempts on a time axis, with zoom, tooltips and arrow-key navigation. */
export function GanttChart(props: GanttChartProps) {
  const { rows, domain, selectedKey, isDimmed, zoom, onZoom, onSelect, revealToken } = props;
  const body = useRef<HTMLDivElement>(null);
  const width = useWidth(body);
  const [tip, setTip] = useState<Tip | undefined>(undefined);
  const [focusKey, setFocusKey] = useState<string | undefined>(undefined);
  const trackPx = Math.max(200, (width - LABEL_PX) * zoom);
  const [startMs, endMs] = domain;
  const spanMs = endMs - startMs;
  const tabbableKey =
    [focusKey, selectedKey].find((key) => key !== undefined && rows.some((r) => r.key === key)) ??
    rows[0]?.key;

  useKeepCentreOnZoom(body, zoom, width);
  // A reveal asked for waits for its bar: the selection may reach the chart a render later.
  const revealed = useRef(0);
  useLayoutEffect(() => {
    if (revealToken === revealed.current || selectedKey === undefined) return;
    if (reveal(body.current, selectedKey)) revealed.current = revealToken;
  });

  // The tooltip is fixed to the window (no scrolling box clips it): it follows its bar on scroll.
  const [, setScrolled] = useState(0);
  useEffect(() => {
    if (tip === undefined) return;
    const follow = () => setScrolled((n) => n + 1);
    window.addEventListener("scroll", follow, { passive: true, capture: true });
    return () => window.removeEventListener("scroll", follow, { capture: true });
  }, [tip]);

  const showTip = (row: GanttRow | undefined, target: HTMLElement | undefined) => {
    setTip(row === undefined || target === undefined ? undefined : { key: row.key, target });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      if (tip !== undefined) event.stopPropagation();
      return setTip(undefined);
    }
    const index = rows.findIndex((r) => r.key === (event.target as HTMLElement).dataset.key);
    if (index < 0) return;
    const next =
      event.key === "ArrowDown"
        ? index + 1
        : event.key === "ArrowUp"
          ? index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? rows.length - 1
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const row = rows[Math.min(rows.length - 1, Math.max(0, next))];
    if (row === undefined) return;
    setFocusKey(row.key);
    body.current
      ?.querySelector<HTMLElement>(`button.bar[data-key="${CSS.escape(row.key)}"]`)
      ?.focus();
  };
  const tipRow = tip === undefined ? undefined : rows.find((r) => r.key === tip.key);

  return html`
    <section class="gantt" aria-labelledby="gantt-heading">
      <div class="gantt-head">
        <h2 id="gantt-heading">Timeline</h2>
        <div class="toolbar" role="toolbar" aria-label="Zoom">
          <button type="button" onClick=${() => onZoom(zoomStep(zoom, -1))} disabled=${zoom <= 1} aria-label="Zoom out" title="Zoom out (−)">−</button>
          <button type="button" onClick=${() => onZoom(zoomStep(zoom, 1))} aria-label="Zoom in" title="Zoom in (+)">+</button>
          <button type="button" onClick=${() => onZoom(1)} disabled=${zoom === 1} title="Fit (0)">Fit</button>
          <span class="zoom-level" aria-live="polite">${zoom === 1 ? "fit" : `×${zoom}`}</span>
        </div>
      </div>
      <div class="gantt-body" ref=${body} onKeyDown=${onKeyDown}>
        <div class="gantt-grid" style=${{ width: `${LABEL_PX + trackPx}px` }}>
          <${GanttAxis} startMs=${startMs} spanMs=${spanMs} trackPx=${trackPx} />
          <div class="gantt-rows" role="group" aria-label="Phases and verification attempts (arrow keys move, Enter selects)">
            ${rows.map(
              (row) => html`
                <${GanttRowView}
                  key=${row.key}
                  row=${row}
                  startMs=${startMs}
                  spanMs=${spanMs}
                  selected=${row.key === selectedKey}
                  dimmed=${isDimmed(row)}
                  tabbable=${row.key === tabbableKey}
                  described=${tip?.key === row.key}
                  onSelect=${(r: GanttRow) => {
                    setFocusKey(r.key);
                    onSelect(r);
                  }}
                  onTip=${showTip}
                />
              `,
            )}
          </div>
        </div>
        ${
          tip !== undefined && tipRow !== undefined && tip.target.isConnected
            ? html`<${GanttTooltip} row=${tipRow} at=${tip.target.getBoundingClientRect()} />`
            : null
        }
      </div>
    </section>
  `;
}

/** Scrolls the chart body (only it) so the row's bar is in view; false when there is no such bar. */
function reveal(container: HTMLElement | null, key: string): boolean {
  const bar = container?.querySelector<HTMLElement>(`button.bar[data-key="${CSS.escape(key)}"]`);
  if (!container || !bar) return false;
  const box = container.getBoundingClientRect();
  const rect = bar.getBoundingClientRect();
  if (rect.top < box.top + 24 || rect.bottom > box.bottom) {
    container.scrollTop += rect.top - box.top - container.clientHeight / 3;
  }
  if (rect.left < box.left + LABEL_PX || rect.left > box.right - 40) {
    container.scrollLeft += rect.left - box.left - LABEL_PX - 40;
  }
  return true;
}

/** Zooming keeps the time at the centre of the view where it was. */
function useKeepCentreOnZoom(
  body: { current: HTMLDivElement | null },
  zoom: number,
  width: number,
) {
  const previous = useRef(zoom);
  useLayoutEffect(() => {
    const container = body.current;
    const before = previous.current;
    previous.current = zoom;
    if (container === null || before === zoom || width === 0) return;
    const visible = width - LABEL_PX;
    const centre = (container.scrollLeft + visible / 2) / (visible * before);
    container.scrollLeft = Math.max(0, centre * visible * zoom - visible / 2);
  }, [zoom, width]);
}
