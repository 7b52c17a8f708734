import type { ProjectInsights, ProjectTrend, TrendUnit } from "@phaser/events-analysis";
import { displayText } from "../../format/display-text.js";
import { html } from "../../html.js";
import { BarList } from "./bar-list.js";
import { seconds } from "./bucket-label.js";
import { TrendChart } from "./trend-chart.js";
import { TrendTable } from "./trend-table.js";

const OUTCOME_KEYS = ["completed", "failed", "abandoned", "in_progress"] as const;

/**
 * One project's numbers: outcomes, their trend over the period, success rate,
 * phase durations, failing checks, changed files.
 */
export function ProjectCard({
  project,
  trend,
  unit,
}: {
  readonly project: ProjectInsights;
  /** The project's trend; `undefined` when the trend has no entry for it. */
  readonly trend: ProjectTrend | undefined;
  readonly unit: TrendUnit;
}) {
  const audits = outcomeCounts(project, trend);
  const outcomes = OUTCOME_KEYS.filter((key) => typeof audits[key] === "number");
  const total = Math.max(1, project.audits.total);
  const durations = project.phase_duration_seconds;
  const p50 = trend?.phase_duration_seconds.p50;
  const rate = project.phases.success_rate;
  return html`
    <article class="project-card" aria-labelledby=${`project-${encodeURIComponent(project.project)}`}>
      <h2 id=${`project-${encodeURIComponent(project.project)}`}><bdi>${displayText(project.project)}</bdi></h2>
      <section aria-label="Outcomes">
        <h3>Audits <span class="count">${project.audits.total}</span></h3>
        <div class="stacked" aria-hidden="true">
          ${outcomes.map(
            (key) =>
              html`<span class=${`seg seg-${key}`} style=${{ width: `${((audits[key] ?? 0) / total) * 100}%` }}></span>`,
          )}
        </div>
        <ul class="legend">
          ${outcomes.map((key) => html`<li class=${`legend-${key}`}>${key.replace("_", " ")}: ${audits[key]}</li>`)}
        </ul>
        ${
          trend === undefined || trend.buckets.length === 0
            ? null
            : html`<${TrendChart} trend=${trend} unit=${unit} /><${TrendTable} trend=${trend} unit=${unit} />`
        }
      </section>
      <dl class="numbers">
        <dt>Phase success rate</dt>
        <dd class="big">${rate === null ? "—" : `${Math.round(rate * 100)} %`}</dd>
        <dt>Phases</dt>
        <dd>${project.phases.completed} completed, ${project.phases.failed} failed, ${project.phases.skipped} skipped</dd>
        <dt>Phase duration</dt>
        <dd>
          ${`${p50 === undefined ? `mean ${seconds(durations.mean)}` : `p50 ${seconds(p50)}`} · p95 ${seconds(durations.p95)} · ${durations.count} phases`}
        </dd>
        <dt>Retries</dt>
        <dd>
          ${project.retries.mean === null ? "—" : `${project.retries.mean.toFixed(2)} per phase`}
          ${
            project.retries.max === null || project.retries.max.retries === 0
              ? null
              : html` · most: ${project.retries.max.retries} in phase ${project.retries.max.phase} of <bdi>${displayText(project.retries.max.slug ?? project.retries.max.audit_id)}</bdi>`
          }
        </dd>
      </dl>
      <section aria-label="Failing checks">
        <h3>Failing and flaky checks</h3>
        ${
          project.failing_commands.length === 0
            ? html`<p class="hint">No check failed.</p>`
            : html`<${BarList}
              label="Failures per check (flaky in amber)"
              tone="fail"
              items=${project.failing_commands.map((c) => ({
                label: displayText(c.command),
                value: c.failures,
                part: c.flaky,
                note: c.flaky > 0 ? `(${c.flaky} flaky)` : "",
              }))}
            />`
        }
      </section>
      <section aria-label="Most changed files">
        <h3>Most changed files</h3>
        ${
          project.changed_files.length === 0
            ? html`<p class="hint">No file changed.</p>`
            : html`<${BarList}
              label="Changes per file"
              tone="neutral"
              items=${project.changed_files.map((f) => ({
                label: displayText(f.path),
                value: f.changes,
                note: `(+${f.lines_added} −${f.lines_removed})`,
              }))}
            />`
        }
      </section>
    </article>
  `;
}

/**
 * The project's audits by outcome: the trend's four (failed apart from
 * abandoned, as the audits view and the chart count them) when its range
 * holds every audit of the period; else the insights' three (an audit that
 * started before the period is in no bucket).
 */
function outcomeCounts(
  project: ProjectInsights,
  trend: ProjectTrend | undefined,
): Readonly<Record<string, number>> {
  return trend !== undefined && trend.audits.total === project.audits.total
    ? { ...trend.audits }
    : project.audits;
}
