import { buildAuditTimeline } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type GanttRow, ganttRows, timeDomain } from "../../gantt/gantt-rows.js";
import { html } from "../../html.js";
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

/** One audit: its Gantt, its event table (kept in sync with it), and the detail of what is selected. */
export function AuditView({ route, navigate }: ViewProps) {
  const store = useStore();
  const id = route.audit as string;
  const [load, setLoad] = useState<Load>("loading");
  const [chartReveal, setChartReveal] = useState(0);
  const [tableReveal, setTableReveal] = useState(0);
  const opened = useRef(false);
  const link = useRouteLink(route, navigate);

  useEffect(() => {
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
  const selected = useMemo(
    () => selectedIn(timeline, route.phase, route.attempt),
    [timeline, route.phase, route.attempt],
  );
  const filter = { types: route.types, inPhase: route.inPhase };
  const shown = useMemo(
    () => (records ?? []).filter((r) => passesFilter(r, filter)),
    [records, route.types.join(","), route.inPhase],
  );
  const byId = useMemo(() => new Map((records ?? []).map((r) => [r.id, r])), [records]);
  const filtering = route.types.length > 0 || route.inPhase !== undefined;
  const isDimmed = (r: GanttRow) =>
    filtering &&
    !r.eventIds.some((eventId) => {
      const record = byId.get(eventId);
      return record !== undefined && passesFilter(record, filter);
    });

  // Opening: the route's selection, else the first failure; both brought into view once.
  useEffect(() => {
    if (timeline === undefined || opened.current) return;
    opened.current = true;
    if (route.phase === undefined) {
      const failure = firstFailureSelection(timeline);
      if (failure !== undefined) navigate(failure, { replace: true });
    }
    setChartReveal((n) => n + 1);
    setTableReveal((n) => n + 1);
  }, [timeline]);

  const onSelectBar = useCallback(
    (r: GanttRow) => {
      navigate({ phase: r.phase, attempt: r.attempt?.id });
      setTableReveal((n) => n + 1);
    },
    [navigate],
  );
  const onPick = useCallback(
    (record: EventRecord) => {
      navigate(selectionForRecord(record));
      setChartReveal((n) => n + 1);
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
          <${GanttChart}
            rows=${rows}
            domain=${domain}
            selectedKey=${selected.key}
            isDimmed=${isDimmed}
            zoom=${route.zoom}
            onZoom=${(zoom: number) => navigate({ zoom }, { replace: true })}
            onSelect=${onSelectBar}
            revealToken=${chartReveal}
          />
          <${DetailPane} phase=${selected.phase} attempt=${selected.attempt} />
        </div>
        <div class="audit-side">
          <${EventFilters}
            records=${records ?? []}
            filter=${filter}
            onChange=${(f: { types: readonly string[]; inPhase: number | undefined }) =>
              navigate({ types: f.types, inPhase: f.inPhase }, { replace: true })}
          />
          <${EventTable} records=${shown} highlighted=${selected.eventIds} onPick=${onPick} revealToken=${tableReveal} />
        </div>
      </div>
    </section>
  `;
}
