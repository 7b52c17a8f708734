import type { EventRecord } from "@phaser/events-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTrend } from "../src/compute-trend.js";
import { isInvalidTrendError } from "../src/errors/invalid-trend-error.js";
import { computeInsightsWithTrend } from "../src/insights-with-trend.js";
import { MAX_TREND_BUCKETS, type ProjectTrend, type TrendUnit } from "../src/trend.js";
import { bucketIndex, bucketStartOf } from "../src/trend-buckets.js";

let counter = 0;
/** One audit of `project` at `start`: one phase that completed or failed, then its end. */
function audit(project: string, start: string, end: "completed" | "failed"): EventRecord[] {
  counter += 1;
  const audit_id = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, "0")}`;
  const at = (type: string, phase: number | null, data: EventRecord["data"]) => ({
    id: `${audit_id}-${type}`,
    type,
    timestamp: start,
    audit_id,
    phase,
    data,
  });
  return end === "completed"
    ? [
        at("audit_started", null, { project, slug: "s" }),
        at("phase_completed", 1, { duration_seconds: 10 }),
        at("audit_completed", null, {}),
      ]
    : [
        at("audit_started", null, { project, slug: "s" }),
        at("phase_failed", 1, { duration_seconds: 20, attempts: 1, error: "x" }),
        at("audit_abandoned", null, { reason: "error" }),
      ];
}

const recent = [
  ...audit("shop", "2025-12-01T10:00:00.000Z", "completed"),
  ...audit("shop", "2025-12-03T10:00:00.000Z", "failed"),
];
/** 30 years: one audit in 1995, two in December 2025. */
const thirtyYears = [...audit("shop", "1995-06-15T08:00:00.000Z", "completed"), ...recent];

const shop = (trend: { projects: readonly ProjectTrend[] }) =>
  trend.projects.find((p) => p.project === "shop") as ProjectTrend;
const sum = (project: ProjectTrend) =>
  project.buckets.reduce((total, b) => total + b.audits.total, 0);

describe("computeTrend over long ranges", () => {
  it("charts 30 years by year without a unit: every audit in a bucket, nothing left out", () => {
    const trend = computeTrend(thirtyYears);
    expect(trend.unit).toBe("year");
    expect([trend.from, trend.to]).toEqual([
      "1995-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ]);
    expect(trend.truncated).toBeUndefined();
    expect(shop(trend).buckets).toHaveLength(31);
    expect(shop(trend).buckets.map((b) => [b.start.slice(0, 4), b.audits.total])).toContainEqual([
      "1995",
      1,
    ]);
    expect(shop(trend).buckets.at(-1)?.audits).toEqual({
      total: 2,
      completed: 1,
      failed: 1,
      abandoned: 0,
      in_progress: 0,
    });
    expect(shop(trend).audits).toEqual({
      total: 3,
      completed: 2,
      failed: 1,
      abandoned: 0,
      in_progress: 0,
    });
  });

  it("keeps the latest buckets of 30 years by an explicit month, and says so", () => {
    const trend = computeTrend(thirtyYears, { unit: "month" });
    expect(trend.unit).toBe("month");
    expect(shop(trend).buckets).toHaveLength(MAX_TREND_BUCKETS);
    expect(trend.to).toBe("2026-01-01T00:00:00.000Z");
    expect(trend.from).toBe("2009-05-01T00:00:00.000Z"); // 200 months before January 2026
    expect(trend.truncated).toEqual({
      from: "1995-06-01T00:00:00.000Z",
      buckets: 367,
      note: "The period has 367 months, more than the 200 a chart holds: it shows the latest 200, from 2009-05-01. By year, it holds the whole period.",
    });
    // The buckets hold the recent audits; the whole range's count holds the 1995 one too.
    expect(sum(shop(trend))).toBe(2);
    expect(shop(trend).audits.total).toBe(3);
  });

  it("charts a store with one record at 1970 (a wrong clock) and one at the year 9999", () => {
    const epoch = [...audit("shop", "1970-01-01T00:00:00.000Z", "completed"), ...recent];
    const byYear = computeTrend(epoch);
    expect([byYear.unit, byYear.from, byYear.to]).toEqual([
      "year",
      "1970-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ]);
    expect(sum(shop(byYear))).toBe(3);

    const future = [...recent, ...audit("shop", "9999-12-31T23:59:59.999Z", "completed")];
    const latest = computeTrend(future);
    expect(latest.unit).toBe("year");
    expect(shop(latest).buckets).toHaveLength(MAX_TREND_BUCKETS);
    expect([latest.from, latest.to]).toEqual([
      "9800-01-01T00:00:00.000Z",
      "+010000-01-01T00:00:00.000Z",
    ]);
    expect(latest.truncated?.buckets).toBe(9999 - 2025 + 1);
    expect(latest.truncated?.note).toBe(
      "The period has 7975 years, more than the 200 a chart holds: it shows the latest 200, from 9800-01-01.",
    );
    expect(shop(latest).audits.total).toBe(3);
  });

  it("charts from the earliest and to the latest instant a Date holds", () => {
    const earliest = computeInsightsWithTrend(recent, {
      since: "-271821-04-20",
      now: Date.parse("2026-01-15T00:00:00.000Z"),
    });
    expect(earliest.trend.unit).toBe("year");
    expect(earliest.trend.to).toBe("2027-01-01T00:00:00.000Z");
    expect(shop(earliest.trend).buckets).toHaveLength(MAX_TREND_BUCKETS);
    expect(shop(earliest.trend).buckets.at(-2)?.audits.failed).toBe(1);
    expect(earliest.trend.truncated?.from).toBe("-271821-04-20T00:00:00.000Z"); // held to the limit
    const first = computeTrend(recent, { since: "-271821-04-20", until: "-271821-04-25" });
    expect([first.unit, first.from, first.to]).toEqual([
      "day",
      "-271821-04-20T00:00:00.000Z",
      "-271821-04-25T00:00:00.000Z",
    ]);
    for (const unit of ["week", "month", "year"] as const) {
      const held = computeTrend([], { since: "-271821-04-20", until: "-271821-04-21", unit });
      expect(held.from).toBe("-271821-04-20T00:00:00.000Z");
    }
    const last = computeTrend([], { since: "+275760-09-13T00:00:00.000Z", unit: "year" });
    expect([last.from, last.to]).toEqual([
      "+275760-01-01T00:00:00.000Z",
      "+275760-09-13T00:00:00.000Z",
    ]);
  });

  it("refuses an explicit unit with an explicit since that make too many buckets, naming unit", () => {
    const refused = (since: string, unit: TrendUnit) => {
      try {
        computeTrend(recent, { since, until: "2026-01-01", unit });
      } catch (error) {
        return isInvalidTrendError(error) ? `${error.field} | ${error.message}` : "other";
      }
      return "answered";
    };
    expect(refused("1995-01-01", "month")).toBe(
      "unit | unit: 1995-01-01T00:00:00.000Z to 2026-01-01T00:00:00.000Z by month is more than 200 buckets: choose a longer unit or a shorter period",
    );
    expect(refused("1000-01-01", "year")).toContain(
      "by year is more than 200 buckets: choose a shorter period",
    );
    expect(refused("1995-01-01", "year")).toBe("answered");
    expect(refused("2025-06-01", "day")).toContain("by day is more than 200 buckets");
  });

  it("numbers days, weeks, months and years as Date does, any instant", () => {
    const unitStart = (ms: number, unit: TrendUnit) => {
      const date = new Date(ms);
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
      const start = new Date(0);
      start.setUTCFullYear(y, unit === "year" ? 0 : m, unit === "day" || unit === "week" ? d : 1);
      if (unit === "week") start.setUTCDate(d - ((date.getUTCDay() + 6) % 7));
      return start.getTime();
    };
    fc.assert(
      fc.property(
        // Where Date holds the start of every unit (the limits have their own test above).
        fc.integer({ min: -8_600_000_000_000_000, max: 8_600_000_000_000_000 }),
        fc.constantFrom<TrendUnit>("day", "week", "month", "year"),
        (ms, unit) => {
          const index = bucketIndex(ms, unit);
          expect(bucketStartOf(index, unit)).toBe(unitStart(ms, unit));
          expect(bucketStartOf(index + 1, unit)).toBeGreaterThan(ms);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
