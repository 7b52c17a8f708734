import type { EventRecord, JsonObject } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { auditRows } from "../src/audit-rows-builder.js";
import { computeInsights } from "../src/compute-insights.js";
import { computeTrend } from "../src/compute-trend.js";
import { InvalidTrendError, isInvalidTrendError } from "../src/errors/invalid-trend-error.js";
import { MAX_TREND_BUCKETS, type ProjectTrend } from "../src/trend.js";

let counter = 0;
function at(
  timestamp: string,
  type: string,
  audit: string,
  phase: number | null,
  data: JsonObject = {},
): EventRecord {
  counter += 1;
  const id = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, "0")}`;
  return { id, type, timestamp, audit_id: audit, phase, data };
}

/** An audit of `project` started on `day` (at 10:00 UTC), with phases ending as `phases` says. */
function audit(
  id: string,
  project: string,
  day: string,
  phases: readonly ("completed" | "failed" | "skipped")[],
  end?: "completed" | "user_request" | "error",
  durations: readonly number[] = [],
): EventRecord[] {
  const records = [at(`${day}T10:00:00.000Z`, "audit_started", id, null, { project, slug: id })];
  phases.forEach((outcome, i) => {
    const time = `${day}T10:0${i + 1}:00.000Z`;
    const duration_seconds = durations[i] ?? 1;
    records.push(
      outcome === "completed"
        ? at(time, "phase_completed", id, i + 1, { duration_seconds })
        : outcome === "failed"
          ? at(time, "phase_failed", id, i + 1, { duration_seconds, attempts: 1, error: "x" })
          : at(time, "phase_skipped", id, i + 1, { reason: "user_request" }),
    );
  });
  if (end === "completed") records.push(at(`${day}T11:00:00.000Z`, "audit_completed", id, null));
  else if (end !== undefined) {
    records.push(at(`${day}T11:00:00.000Z`, "audit_abandoned", id, null, { reason: end }));
  }
  return records;
}

/** shop: 1 Dec two audits (completed; failed), 2 Dec none, 3 Dec one abandoned and one running. */
const records: EventRecord[] = [
  ...audit("a1", "shop", "2025-12-01", ["completed", "completed"], "completed", [10, 30]),
  ...audit("a2", "shop", "2025-12-01", ["completed", "failed"], "user_request", [20, 40]),
  ...audit("a3", "shop", "2025-12-03", ["skipped"], "user_request"),
  ...audit("a4", "shop", "2025-12-03", ["completed"], undefined, [50]),
  ...audit("b1", "blog", "2025-12-02", ["completed"], "error", [5]),
];

const shop = (trend: { projects: readonly ProjectTrend[] }) =>
  trend.projects.find((p) => p.project === "shop") as ProjectTrend;

describe("computeTrend", () => {
  it("counts audits by outcome and phases per day, with empty days in between", () => {
    const trend = computeTrend(records, { unit: "day" });
    expect(trend.unit).toBe("day");
    expect(trend.from).toBe("2025-12-01T00:00:00.000Z");
    expect(trend.to).toBe("2025-12-04T00:00:00.000Z");
    expect(trend.projects.map((p) => p.project)).toEqual(["blog", "shop"]);
    const buckets = shop(trend).buckets;
    expect(buckets.map((b) => [b.start, b.end])).toEqual([
      ["2025-12-01T00:00:00.000Z", "2025-12-02T00:00:00.000Z"],
      ["2025-12-02T00:00:00.000Z", "2025-12-03T00:00:00.000Z"],
      ["2025-12-03T00:00:00.000Z", "2025-12-04T00:00:00.000Z"],
    ]);
    expect(buckets.map((b) => b.audits)).toEqual([
      { total: 2, completed: 1, failed: 1, abandoned: 0, in_progress: 0 },
      { total: 0, completed: 0, failed: 0, abandoned: 0, in_progress: 0 },
      { total: 2, completed: 0, failed: 0, abandoned: 1, in_progress: 1 },
    ]);
    expect(buckets.map((b) => b.phases)).toEqual([
      { completed: 3, failed: 1, skipped: 0, success_rate: 0.75 },
      { completed: 0, failed: 0, skipped: 0, success_rate: null },
      { completed: 1, failed: 0, skipped: 1, success_rate: 1 },
    ]);
    expect(buckets.map((b) => b.phase_duration_seconds)).toEqual([
      { count: 4, p50: 20, p95: 40 },
      { count: 0, p50: null, p95: null },
      { count: 1, p50: 50, p95: 50 },
    ]);
    expect(shop(trend).phase_duration_seconds).toEqual({ count: 5, p50: 30, p95: 50 });
  });

  it("uses the audits view's outcome rules and the insights' projects and p95", () => {
    const trend = computeTrend(records);
    const insights = computeInsights(records);
    expect(trend.projects.map((p) => p.project)).toEqual(insights.projects.map((p) => p.project));
    for (const project of trend.projects) {
      const counted: Record<string, number> = {};
      for (const b of project.buckets) {
        for (const [key, n] of Object.entries(b.audits)) counted[key] = (counted[key] ?? 0) + n;
      }
      const rows = auditRows(records).filter((row) => row.project === project.project);
      for (const outcome of ["completed", "failed", "abandoned", "in_progress"]) {
        expect(counted[outcome]).toBe(rows.filter((row) => row.outcome === outcome).length);
      }
      const same = insights.projects.find((p) => p.project === project.project);
      expect(project.phase_duration_seconds.p95).toBe(same?.phase_duration_seconds.p95);
      expect(project.phase_duration_seconds.count).toBe(same?.phase_duration_seconds.count);
    }
  });

  it("starts weeks on Monday and months on the 1st, UTC", () => {
    // 2025-12-01 is a Monday; 2025-12-14 a Sunday.
    const week = computeTrend(records, {
      since: "2025-11-30T23:59:59.000Z",
      until: "2025-12-14T12:00:00.000Z",
      unit: "week",
    });
    expect(shop(week).buckets.map((b) => [b.start, b.audits.total])).toEqual([
      ["2025-11-24T00:00:00.000Z", 0],
      ["2025-12-01T00:00:00.000Z", 4],
      ["2025-12-08T00:00:00.000Z", 0],
    ]);
    const month = computeTrend(records, {
      since: "2025-11-15",
      until: "2026-01-02",
      unit: "month",
    });
    expect(shop(month).buckets.map((b) => [b.start, b.end, b.audits.total])).toEqual([
      ["2025-11-01T00:00:00.000Z", "2025-12-01T00:00:00.000Z", 0],
      ["2025-12-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", 4],
      ["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", 0],
    ]);
  });

  it("chooses the unit from the range's length when none is given", () => {
    const unit = (since: string, until: string) => computeTrend(records, { since, until }).unit;
    expect(unit("2025-11-01", "2025-12-01")).toBe("day");
    expect(unit("2025-09-01", "2025-12-01")).toBe("week");
    expect(unit("2024-12-01", "2025-12-01")).toBe("month");
  });

  it("refuses more than MAX_TREND_BUCKETS buckets, naming unit", () => {
    const tooLong = () =>
      computeTrend(records, { since: "2025-01-01", until: "2025-12-31", unit: "day" });
    expect(tooLong).toThrow(InvalidTrendError);
    expect(tooLong).toThrow(`by day is more than ${MAX_TREND_BUCKETS} buckets`);
    try {
      tooLong();
    } catch (error) {
      expect(isInvalidTrendError(error) && error.field).toBe("unit");
    }
    expect(isInvalidTrendError(new Error("unit"))).toBe(false);
  });

  it("refuses a since or until that is not a time, naming it", () => {
    for (const field of ["since", "until"] as const) {
      expect(() => computeTrend(records, { [field]: "yesterday-ish" })).toThrow(
        `${field}: not a time: "yesterday-ish"`,
      );
    }
  });

  it("counts an audit that started before since under its project, in no bucket, and its later phases", () => {
    const late = audit("c1", "shop", "2025-11-20", ["completed"], "completed").map((r) =>
      r.type === "phase_completed" ? { ...r, timestamp: "2025-12-02T08:00:00.000Z" } : r,
    );
    const window = late.filter((r) => r.type !== "audit_started");
    const trend = computeTrend(window, {
      since: "2025-12-01",
      until: "2025-12-03",
      auditStarts: late,
    });
    expect(trend.projects.map((p) => p.project)).toEqual(["shop"]);
    expect(shop(trend).buckets.map((b) => [b.audits.total, b.phases.completed])).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });

  it("counts an audit whose timestamps do not parse in no bucket, under its project", () => {
    const broken = audit("x1", "shop", "2025-12-02", ["completed"], "completed").map((r) => ({
      ...r,
      timestamp: "yesterday",
    }));
    const buckets = shop(computeTrend([...records, ...broken], { unit: "day" })).buckets;
    expect(buckets.map((b) => [b.audits.total, b.phases.completed])).toEqual([
      [2, 3],
      [0, 0],
      [2, 1],
    ]);
  });

  it("has no bucket without records or a since, and one with only a since", () => {
    expect(computeTrend([])).toEqual({ unit: "day", from: null, to: null, projects: [] });
    const since = computeTrend([], { since: "2025-12-05T10:00:00Z" });
    expect([since.from, since.to]).toEqual([
      "2025-12-05T00:00:00.000Z",
      "2025-12-06T00:00:00.000Z",
    ]);
  });
});
