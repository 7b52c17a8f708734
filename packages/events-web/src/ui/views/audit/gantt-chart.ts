import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { GanttRow } from "../../gantt/gantt-rows.js";
import { html } from "../../html.js";
import { GANTT_ROW_PX, type RowWindow, useRowWindow } from "../row-window.js";
import { GanttAxis } from "./gantt-axis.js";
import { GanttRowView } from "./gantt-row.js";
import { GanttTooltip } from "./gantt-tooltip.js";
import { drawnIndexes, gap, LABEL_PX, reveal } from "./gantt-window.js";
import { useWidth } from "./use-width.js";
import { zoomStep } from "./zoom.js";

/** No rows: the window before the chart can place it. */
const NOTHING: RowWindow = { first: 0, last: 0 };

export interface GanttChartProps {
  readonly rows: readonly GanttRow[];
  readonly domain: readonly [number, number];
  readonly selectedKey: string | undefined;
  readonly isDimmed: (row: GanttRow) => boolean;
  readonly zoom: number;
  readonly onZoom: (zoom: number) => void;
  readonly onSelect: (row: GanttRow) => void;
  /** Bumped when the selection came from elsewhere (the opening, the table): the chart brings the selected bar into view. */
  readonly revealToken: number;
}

interface Tip {
  readonly key: string;
  /** The bar it belongs to: the tooltip is placed under it at each render. */
  readonly target: HTMLElement;
}

/**
 * The phases and their attempts on a time axis, with zoom, tooltips and
 * arrow-key navigation. Only the rows in view (and a margin) are drawn, in
 * their place by index: an audit of thousands of attempts costs what its
 * visible part costs, in rendering and in the browser's layout.
 */
export function GanttChart(props: GanttChartProps) {
  const { rows, domain, selectedKey, isDimmed, zoom, onZoom, onSelect, revealToken } = props;
  const body = useRef<HTMLDivElement>(null);
  const width = useWidth(body);
  const view = useRowWindow(body, rows.length, GANTT_ROW_PX);
  const [tip, setTip] = useState<Tip | undefined>(undefined);
  const [focusKey, setFocusKey] = useState<string | undefined>(undefined);
  const trackPx = Math.max(200, (width - LABEL_PX) * zoom);
  const [startMs, endMs] = domain;
  const spanMs = endMs - startMs;
  const indexOf = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);
  const tabbableKey =
    [focusKey, selectedKey].find((key) => key !== undefined && indexOf.has(key)) ?? rows[0]?.key;
  // State, not a ref: the rows are drawn in the render that follows a reveal, even one that did
  // not have to scroll.
  const [revealed, setRevealed] = useState(0);
  const revealing =
    revealToken !== revealed && selectedKey !== undefined && indexOf.has(selectedKey);
  // The bar Tab reaches and the selected one are drawn wherever they are, so focus always has a place.
  // Until the chart's width is known (the first layout), and while a reveal is still to move the
  // view, its other rows are empty space: drawing them there would only draw them again.
  const drawn = drawnIndexes(width === 0 || revealing ? NOTHING : view, rows.length, [
    indexOf.get(tabbableKey ?? ""),
    indexOf.get(selectedKey ?? ""),
  ]);

  useKeepCentreOnZoom(body, zoom, width);
  // A reveal asked for waits for its row and for the chart's width: the selection may reach the chart a render later.
  useLayoutEffect(() => {
    if (revealToken === revealed || selectedKey === undefined || width === 0) return;
    const index = indexOf.get(selectedKey);
    const row = index === undefined ? undefined : rows[index];
    if (body.current === null || index === undefined || row === undefined) return;
    const from = row.startMs === null ? 0 : Math.max(0, (row.startMs - startMs) / spanMs);
    reveal(body.current, index, LABEL_PX + from * trackPx);
    view.sync();
    setRevealed(revealToken);
  });
  // A bar reached by the keyboard is focused once it is drawn (a jump to Home or End draws it
  // first), and scrolled into view clear of the sticky axis, which focus's own scrolling ignores.
  const focusNext = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const key = focusNext.current;
    const container = body.current;
    const index = key === undefined ? undefined : indexOf.get(key);
    if (key === undefined || container === null || index === undefined) return;
    const bar = container.querySelector<HTMLElement>(`button.bar[data-key="${CSS.escape(key)}"]`);
    if (bar === null) return;
    focusNext.current = undefined;
    bar.focus({ preventScroll: true });
    reveal(container, index, container.scrollLeft + LABEL_PX + 40);
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
    const index = indexOf.get((event.target as HTMLElement).dataset.key ?? "");
    if (index === undefined) return;
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
    focusNext.current = row.key;
    setFocusKey(row.key);
  };
  const onSelectRow = useCallback(
    (r: GanttRow) => {
      setFocusKey(r.key);
      // A bar picked is in view: a reveal still pending must not scroll the chart to its start.
      setRevealed(revealToken);
      onSelect(r);
    },
    [onSelect, revealToken],
  );
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
            ${drawn.map((item) => {
              if (item.gap > 0) return gap(item.at, item.gap);
              const row = rows[item.at];
              return row === undefined
                ? null
                : html`
                <${GanttRowView}
                  key=${row.key}
                  row=${row}
                  startMs=${startMs}
                  spanMs=${spanMs}
                  selected=${row.key === selectedKey}
                  dimmed=${isDimmed(row)}
                  tabbable=${row.key === tabbableKey}
                  described=${tip?.key === row.key}
                  onSelect=${onSelectRow}
                  onTip=${showTip}
                />
              `;
            })}
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
