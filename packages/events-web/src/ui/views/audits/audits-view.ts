import { useRef, useState } from "preact/hooks";
import { html } from "../../html.js";
import { useStore } from "../../state/use-store.js";
import type { ViewProps } from "../page-header.js";
import { useScrollAnchor } from "../use-scroll-anchor.js";
import { AuditFilters } from "./audit-filters.js";
import { AuditsTable } from "./audits-table.js";
import { filterAudits, projectsOf } from "./filter-audits.js";

/** Every audit, newest first, filtered as the route says; rows appear and change live. */
export function AuditsView({ route, navigate }: ViewProps) {
  const store = useStore();
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const table = useRef<HTMLTableElement>(null);
  const all = store.rows();
  const rows = filterAudits(all, route);
  // The row the reader is on (focused, else the one last clicked) stays put when rows arrive above it.
  useScrollAnchor(() => {
    const focused = document.activeElement?.closest("tr[data-audit-id]");
    if (focused && table.current?.contains(focused)) return focused;
    return selected === undefined
      ? null
      : (table.current?.querySelector(`tr[data-audit-id="${CSS.escape(selected)}"]`) ?? null);
  });
  return html`
    <section class="audits-view" aria-labelledby="audits-heading">
      <h1 id="audits-heading">Audits</h1>
      <${AuditFilters} route=${route} navigate=${navigate} projects=${projectsOf(all)} />
      ${
        store.error !== undefined
          ? html`<p class="error" role="alert">Could not load the audits: ${store.error}</p>`
          : !store.rowsLoaded
            ? html`<p class="loading">Loading…</p>`
            : html`
              <p class="count" aria-live="polite">
                ${
                  rows.length === all.length
                    ? `${all.length} audit${all.length === 1 ? "" : "s"}`
                    : `${rows.length} of ${all.length} audits`
                }
              </p>
              <${AuditsTable}
                tableRef=${table}
                rows=${rows}
                route=${route}
                navigate=${navigate}
                selected=${selected}
                onSelect=${setSelected}
              />
            `
      }
    </section>
  `;
}
