import type { ProjectTrend, TrendBucket, TrendUnit } from "@phaser/events-analysis";
import { displayText } from "../../format/display-text.js";
import { html } from "../../html.js";
import { axisLabel, bucketLabel, bucketSummary, percent } from "./bucket-label.js";

/** Drawn in a viewBox of this size, scaled to the card's width. */
const WIDTH = 520;
const HEIGHT = 170;
const LEFT = 30;
const RIGHT = 40;
const TOP = 10;
const BOTTOM = 24;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;
/** At most this many labels under the axis; the tooltips and the table name every bucket. */
const MAX_LABELS = 8;
/** Bottom to top, as the legend lists them. */
const STACK = ["completed", "failed", "abandoned", "in_progress"] as const;

/**
 * Audits per bucket as stacked bars by outcome (count axis on the left) and
 * the phase success rate as a line (percent axis on the right). Plain SVG:
 * each bucket is a group whose title is its tooltip.
 */
export function TrendChart({
  trend,
  unit,
}: {
  readonly trend: ProjectTrend;
  readonly unit: TrendUnit;
}) {
  const buckets = trend.buckets;
  const max = Math.max(1, ...buckets.map((b) => b.audits.total));
  const slot = PLOT_W / Math.max(1, buckets.length);
  const barWidth = Math.max(1, slot * 0.7);
  const y = (count: number) => TOP + PLOT_H - (count / max) * PLOT_H;
  const rateY = (rate: number) => TOP + (1 - rate) * PLOT_H;
  const step = Math.ceil(buckets.length / MAX_LABELS);
  const points = buckets.flatMap((b, i) =>
    b.phases.success_rate === null
      ? []
      : [{ x: LEFT + (i + 0.5) * slot, y: rateY(b.phases.success_rate) }],
  );
  const countTicks = max === 1 ? [0, 1] : [0, Math.round(max / 2), max];
  return html`
    <figure class="trend-chart">
      <svg
        viewBox=${`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label=${summaryOf(trend, unit)}
      >
        ${countTicks.map(
          (tick) => html`
            <line class="grid" x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y(tick)} y2=${y(tick)} />
            <text class="tick" x=${LEFT - 4} y=${y(tick) + 4} text-anchor="end">${tick}</text>
          `,
        )}
        ${[0, 0.5, 1].map(
          (rate) =>
            html`<text class="tick rate" x=${WIDTH - RIGHT + 4} y=${rateY(rate) + 4}>${percent(rate)}</text>`,
        )}
        ${buckets.map((b, i) => Bucket(b, i, { slot, barWidth, y, unit }))}
        ${buckets.map((b, i) =>
          i % step === 0
            ? html`<text class="tick" x=${LEFT + (i + 0.5) * slot} y=${HEIGHT - 8} text-anchor="middle">
                ${axisLabel(b.start, unit)}
              </text>`
            : null,
        )}
        <polyline class="rate-line" points=${points.map((p) => `${p.x},${p.y}`).join(" ")} />
        ${points.map((p) => html`<circle class="rate-point" cx=${p.x} cy=${p.y} r="2.5" />`)}
      </svg>
      <figcaption class="legend">
        Audits per ${unit} by outcome; <span class="legend-rate">phase success rate</span>
      </figcaption>
    </figure>
  `;
}

function Bucket(
  bucket: TrendBucket,
  index: number,
  geometry: {
    readonly slot: number;
    readonly barWidth: number;
    readonly y: (count: number) => number;
    readonly unit: TrendUnit;
  },
) {
  const { slot, barWidth, y, unit } = geometry;
  const x = LEFT + index * slot;
  let below = 0;
  return html`
    <g class="bucket" data-start=${bucket.start}>
      <title>${bucketSummary(bucket, unit)}</title>
      <rect class="hit" x=${x} y=${TOP} width=${slot} height=${PLOT_H} />
      ${STACK.map((outcome) => {
        const count = bucket.audits[outcome];
        if (count === 0) return null;
        const top = y(below + count);
        const height = y(below) - top;
        below += count;
        return html`<rect
          class=${`seg-${outcome}`}
          data-outcome=${outcome}
          data-count=${count}
          x=${x + (slot - barWidth) / 2}
          y=${top}
          width=${barWidth}
          height=${height}
        />`;
      })}
    </g>
  `;
}

/** The chart in one sentence, for `aria-label`. */
function summaryOf(trend: ProjectTrend, unit: TrendUnit): string {
  const first = trend.buckets[0];
  const last = trend.buckets[trend.buckets.length - 1];
  const sum = (key: keyof TrendBucket["audits"]) =>
    trend.buckets.reduce((total, b) => total + b.audits[key], 0);
  const range =
    first === undefined || last === undefined
      ? ""
      : ` from ${bucketLabel(first.start, unit)} to ${bucketLabel(last.start, unit)}`;
  return `${displayText(trend.project)}: audits per ${unit}${range}, ${trend.buckets.length} buckets: ${sum("total")} audits (${sum("completed")} completed, ${sum("failed")} failed, ${sum("abandoned")} abandoned, ${sum("in_progress")} in progress), with the phase success rate as a line. The table below has each ${unit}.`;
}
