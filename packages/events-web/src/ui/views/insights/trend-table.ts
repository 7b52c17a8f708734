import type { ProjectTrend, TrendUnit } from "@phaser/events-analysis";
import { html } from "../../html.js";
import { bucketLabel, percent, seconds } from "./bucket-label.js";

/** The chart's numbers as a table: what a screen reader reads, and anyone can open. */
export function TrendTable({
  trend,
  unit,
}: {
  readonly trend: ProjectTrend;
  readonly unit: TrendUnit;
}) {
  return html`
    <details class="trend-table">
      <summary>The chart as a table</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">${unit}</th>
            <th scope="col">audits</th>
            <th scope="col">completed</th>
            <th scope="col">failed</th>
            <th scope="col">abandoned</th>
            <th scope="col">in progress</th>
            <th scope="col">phase success rate</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
          </tr>
        </thead>
        <tbody>
          ${trend.buckets.map(
            (b) => html`
              <tr data-start=${b.start}>
                <th scope="row">${bucketLabel(b.start, unit)}</th>
                <td>${b.audits.total}</td>
                <td>${b.audits.completed}</td>
                <td>${b.audits.failed}</td>
                <td>${b.audits.abandoned}</td>
                <td>${b.audits.in_progress}</td>
                <td>${percent(b.phases.success_rate)}</td>
                <td>${seconds(b.phase_duration_seconds.p50)}</td>
                <td>${seconds(b.phase_duration_seconds.p95)}</td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    </details>
  `;
}
