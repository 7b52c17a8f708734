import { buildAuditTimeline } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { type GanttRow, ganttRows, timeDomain } from "../../gantt/gantt-rows.js";
import { html } from "../../html.js";
import { memo } from "../../memo.js";
import { useRouteLink } from "../../route/route-link.js";
import { useStore } from "../../state/use-store.js";
import type { ViewProps } from "../page-header.js";
import { AuditHeader } from "./audit-header.js";
import { DetailPane } from "./detail-pane.js";
import { EventFilters, passesFilter } from "./event-filters.js";
import { EventTable } from "./event-table.js";
import { GanttChart } from "./gantt-chart.js";
import { firstFailureSelection, selectedIn, selectionForRecord } from "./selection.js";
import { useNow } from "./use-now.js";
import { zoomForKey } from "./zoom.js";

type Load = "loading" | "ready" | "missing" | "failed";

// The parts that cost to draw, drawn again only when their props change (not on every store change).
const Chart = memo(GanttChart);
const Table = memo(EventTable);
const Filters = memo(EventFilters);
const Detail = memo(DetailPane);

/** One audit: its Gantt, its event table (kept in sync with it), and the detail of what is selected. */
export function AuditView({ route, navigate }: ViewProps) {
  const store = useStore();
  const id = route.audit as string;
  // Records already here (the page's early load of a deep link, a view opened before) stay
  // current through the stream: they are not asked for again.
  const [load, setLoad] = useState<Load>(() => (store.events(id) ? "ready" : "loading"));
  // The reveals asked for since the opening: a pick in the table asks the chart to bring the
  // selection into view, a pick in the chart asks the table (the opening's own: `openingReveal`).
  const [chartReveals, setChartReveals] = useState(0);
  const [tableReveals, setTableReveals] = useState(0);
  const opened = useRef(false);
  const openedOnSelection = useRef<boolean | undefined>(undefined);
  const link = useRouteLink(route, navigate);

  useEffect(() => {
    if (store.events(id) !== undefined) return setLoad("ready");
    store.loadAudit(id).then(
      (found) => setLoad(found ? "ready" : "missing"),
      () => setLoad("failed"),
    );
  }, [id]);

  const row = store.row(id);
  const records = store.events(id)?.records;
  const timeline = useMemo(
    () =>
      records === undefined || row === undefined
        ? undefined
        : buildAuditTimeline(records, row.auditId),
    [records, row?.auditId],
  );
  const now = useNow(timeline?.row.outcome === "in_progress");
  const rows = useMemo(
    () => (timeline === undefined ? [] : ganttRows(timeline, now)),
    [timeline, now],
  );
  const domain = useMemo(
    () => (timeline === undefined ? ([0, 1] as const) : timeDomain(timeline, now)),
    [timeline, now],
  );
  // Where the view opens: the route's selection, else the first failure, selected from the first
  // render that has the timeline (the route follows in the layout effect below).
  const opening =
    timeline !== undefined && !opened.current && route.phase === undefined
      ? firstFailureSelection(timeline)
      : undefined;
  const phase = opening === undefined ? route.phase : opening.phase;
  const attempt = opening === undefined ? route.attempt : opening.attempt;
  const selected = useMemo(() => selectedIn(timeline, phase, attempt), [timeline, phase, attempt]);
  // The opening reveal: the chart and the table bring what the view opened on (a failure, a deep
  // link) into view once it is known, before they draw the rows around it. Opened on nothing,
  // there is none: one left pending would scroll the table to the reader's first pick in it.
  // Decided at the first render with the timeline, the one that knows the opening selection.
  if (timeline !== undefined && openedOnSelection.current === undefined)
    openedOnSelection.current = phase !== undefined;
  const openingReveal = openedOnSelection.current === true ? 1 : 0;
  const typesKey = route.types.join(",");
  // Kept while the route's filter is the same: the chart and the table draw again only when what they show changed.
  const filter = useMemo(
    () => ({ types: route.types, inPhase: route.inPhase }),
    [typesKey, route.inPhase],
  );
  const filtering = filter.types.length > 0 || filter.inPhase !== undefined;
  const shown = useMemo(
    () =>
      records === undefined
        ? []
        : filtering
          ? records.filter((r) => passesFilter(r, filter))
          : records,
    [records, filter],
  );
  // The ids the filter passes, while there is one: a chart row none of whose events pass is dimmed.
  const passing = useMemo(
    () => (filtering ? new Set(shown.map((r) => r.id)) : undefined),
    [shown, filtering],
  );
  const isDimmed = useCallback(
    (r: GanttRow) => passing !== undefined && !r.eventIds.some((eventId) => passing.has(eventId)),
    [passing],
  );
  const onZoom = useCallback((zoom: number) => navigate({ zoom }, { replace: true }), [navigate]);
  const onFilter = useCallback(
    (f: { types: readonly string[]; inPhase: number | undefined }) =>
      navigate({ types: f.types, inPhase: f.inPhase }, { replace: true }),
    [navigate],
  );

  // The opening selection goes into the route (a link to the page shows the same), before the
  // first paint: the reader never sees the view at the top, then moved.
  useLayoutEffect(() => {
    if (timeline === undefined || opened.current) return;
    opened.current = true;
    if (opening !== undefined) navigate(opening, { replace: true });
  }, [timeline]);

  const onSelectBar = useCallback(
    (r: GanttRow) => {
      navigate({ phase: r.phase, attempt: r.attempt?.id });
      setTableReveals((n) => n + 1);
    },
    [navigate],
  );
  const onPick = useCallback(
    (record: EventRecord) => {
      navigate(selectionForRecord(record));
      setChartReveals((n) => n + 1);
    },
    [navigate],
  );
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (
      target.closest("input, select, textarea") !== null ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey
    )
      return;
    const zoom = zoomForKey(event.key, route.zoom);
    if (zoom === undefined) return;
    event.preventDefault();
    navigate({ zoom }, { replace: true });
  };

  if (load === "missing") {
    return html`<section class="audit-view"><h1>No such audit</h1><p>No audit has the id or id prefix <code>${id}</code>.</p><a ...${link({ view: "audits", audit: undefined })}>← All audits</a></section>`;
  }
  if (load === "failed")
    return html`<section class="audit-view"><p class="error" role="alert">Could not load the audit.</p></section>`;
  if (load === "ready" && row === undefined) {
    return html`<section class="audit-view"><h1>Audit removed</h1><p role="status">This audit was removed from the store (a clear or a retention cleanup) while the page was open.</p><a ...${link({ view: "audits", audit: undefined })}>← All audits</a></section>`;
  }
  if (timeline === undefined || row === undefined)
    return html`<section class="audit-view"><p class="loading">Loading…</p></section>`;
  return html`
    <section class="audit-view" onKeyDown=${onKeyDown}>
      <${AuditHeader} row=${timeline.row} backLink=${link({ view: "audits", audit: undefined })} />
      <div class="audit-layout">
        <div class="audit-main">
          <${Chart}
            rows=${rows}
            domain=${domain}
            selectedKey=${selected.key}
            isDimmed=${isDimmed}
            zoom=${route.zoom}
            onZoom=${onZoom}
            onSelect=${onSelectBar}
            revealToken=${openingReveal + chartReveals}
          />
          <${Detail} phase=${selected.phase} attempt=${selected.attempt} />
        </div>
        <div class="audit-side">
          <${Filters}
            records=${records ?? []}
            filter=${filter}
            onChange=${onFilter}
          />
          <${Table} records=${shown} highlighted=${selected.eventIds} onPick=${onPick} revealToken=${openingReveal + tableReveals} />
        </div>
      </div>
    </section>
  `;
}
