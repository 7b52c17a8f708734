import { type InsightsWithTrend, ISO_INSTANT_FORMS } from "@phaser/events-analysis";
import { useEffect, useMemo, useState } from "preact/hooks";
import { displayText } from "../../format/display-text.js";
import { html } from "../../html.js";
import { PERIODS, type Period, UNITS, type Unit } from "../../route/route.js";
import { useStore } from "../../state/use-store.js";
import type { ViewProps } from "../page-header.js";
import { PERIOD_LABELS, type PeriodStart, periodStart } from "./period.js";
import { ProjectCard } from "./project-card.js";

/** The insights numbers for a chosen period, per project, as bars and as a chart over time. */
export function InsightsView({ route, navigate }: ViewProps) {
  const store = useStore();
  const start = useMemo(() => periodStart(route, Date.now()), [route.period, route.since]);
  const ready = start.kind === "start";
  const since = start.kind === "start" ? start.since : undefined;
  const [insights, setInsights] = useState<InsightsWithTrend | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  // Asked for again when the period changes, and as records arrive (at most every 2 s).
  const refresh = Math.floor(store.version / 20);
  useEffect(() => {
    if (!ready) return; // nothing to ask for: the page says why
    let current = true;
    store.source.insights(since, route.unit).then(
      (result) => {
        if (!current) return;
        setInsights(result);
        setError(undefined);
      },
      (e: unknown) => {
        if (current) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      current = false;
    };
  }, [ready, since, route.unit, refresh]);
  const unit = insights?.trend.unit ?? route.unit ?? "day";
  return html`
    <section class="insights-view" aria-labelledby="insights-heading">
      <h1 id="insights-heading">Insights</h1>
      <form class="filters" aria-label="Choose a period" onSubmit=${(e: Event) => e.preventDefault()}>
        <label>
          Period
          <select
            name="period"
            value=${route.period}
            onChange=${(e: Event) => navigate({ period: (e.currentTarget as HTMLSelectElement).value as Period })}
          >
            ${PERIODS.map((p) => html`<option value=${p}>${PERIOD_LABELS[p]}</option>`)}
          </select>
        </label>
        ${
          route.period === "custom"
            ? html`<label>
              Since
              <input
                type="date"
                name="since"
                value=${dateInputValue(route.since)}
                aria-invalid=${start.kind === "invalid" ? "true" : undefined}
                aria-describedby=${start.kind === "invalid" ? "since-problem" : undefined}
                onChange=${(e: Event) => navigate({ since: (e.currentTarget as HTMLInputElement).value || undefined })}
              />
            </label>`
            : null
        }
        <label>
          Chart by
          <select
            name="unit"
            value=${route.unit ?? ""}
            onChange=${(e: Event) => navigate({ unit: ((e.currentTarget as HTMLSelectElement).value || undefined) as Unit | undefined })}
          >
            <option value="">${route.unit === undefined && insights !== undefined ? `Automatic (${unit})` : "Automatic"}</option>
            ${UNITS.map((u) => html`<option value=${u}>${u}</option>`)}
          </select>
        </label>
      </form>
      ${
        start.kind !== "start"
          ? html`<${NoStart} start=${start} />`
          : error !== undefined
            ? html`<p class="error" role="alert">Could not load the insights: ${error}</p>`
            : insights === undefined
              ? html`<p class="loading">Loading…</p>`
              : html`
              <p class="count">
                ${insights.audits} audits, ${insights.events} events${since === undefined ? "" : ` since ${since}`}, charted by ${unit}
              </p>
              ${
                insights.trend.truncated === undefined
                  ? null
                  : html`<p class="note trend-note" role="note">${insights.trend.truncated.note}</p>`
              }
              ${
                insights.projects.length === 0
                  ? html`<p class="empty">No audit in this period.</p>`
                  : html`<div class="project-cards">${insights.projects.map(
                      (p) =>
                        html`<${ProjectCard}
                            key=${p.project}
                            project=${p}
                            trend=${insights.trend.projects.find((t) => t.project === p.project)}
                            unit=${unit}
                          />`,
                    )}</div>`
              }
            `
      }
    </section>
  `;
}

/** Why a custom period has no start: no date chosen yet, or a `since` that is not a date or time. */
function NoStart({ start }: { readonly start: Exclude<PeriodStart, { kind: "start" }> }) {
  return start.kind === "no-date"
    ? html`<p class="hint">Choose the date the period starts from.</p>`
    : html`<p class="error" role="alert" id="since-problem">
        The period's start “<bdi>${displayText(start.text)}</bdi>” is not a date: give ${ISO_INSTANT_FORMS}.
      </p>`;
}

/** What the date field shows: the date of a `since` that starts with one, else nothing. */
function dateInputValue(since: string | undefined): string {
  const date = since === undefined ? undefined : /^\d{4}-\d{2}-\d{2}/.exec(since)?.[0];
  return date ?? "";
}
