import type { EventRecord } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { computeInsights } from "../src/compute-insights.js";
import type { ProjectInsights } from "../src/insights.js";
import { mean, percentileNearestRank, topCounts } from "../src/statistics.js";
import { recordMaker } from "./fixtures/records.js";

const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const C = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const D = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";

const make = recordMaker();
const started = (audit: string, project: string, slug: string) =>
  make("audit_started", audit, null, { project, slug, phases_total: 3 });
const failedCheck = (audit: string, phase: number, command: string) =>
  make("verification_failed", audit, phase, { command, exit_code: 1, duration_ms: 5, output: "x" });
const passedCheck = (audit: string, phase: number, command: string) =>
  make("verification_passed", audit, phase, { command, exit_code: 0, duration_ms: 5 });
const completed = (audit: string, phase: number, duration_seconds: number) =>
  make("phase_completed", audit, phase, {
    duration_seconds,
    files_created: 0,
    files_modified: 0,
    verification_count: 1,
  });
const modified = (audit: string, phase: number, path: string, added: number, removed: number) =>
  make("file_modified", audit, phase, {
    path,
    size_bytes: 1,
    lines_added: added,
    lines_removed: removed,
  });

/**
 * shop: audit A completed (phase 1 passes at once, phase 2 after 2 retries,
 * phase 3 skipped), audit B abandoned after phase 1 failed with 3 attempts,
 * audit C still running (phase 1 started, nothing ended).
 * Audit D has no audit_started: "(unknown project)".
 */
const records: EventRecord[] = [
  started(A, "shop", "v1-cart"),
  make("phase_started", A, 1, { description: "Cart", file: "01.md" }),
  make("file_created", A, 1, { path: "src/cart.ts", size_bytes: 3 }),
  passedCheck(A, 1, "npm test"),
  completed(A, 1, 10),
  make("phase_started", A, 2, { description: "Totals", file: "02.md" }),
  modified(A, 2, "src/cart.ts", 5, 1),
  failedCheck(A, 2, "npm run lint"),
  modified(A, 2, "src/cart.ts", 2, 2),
  failedCheck(A, 2, "npm test"),
  modified(A, 2, "README.md", 1, 0),
  passedCheck(A, 2, "npm run lint"),
  passedCheck(A, 2, "npm test"),
  completed(A, 2, 30),
  make("phase_skipped", A, 3, { reason: "user_request" }),
  make("audit_completed", A, null, {
    duration_seconds: 40,
    phases_completed: 2,
    phases_skipped: 1,
    files_created: 1,
    files_modified: 2,
    files_deleted: 0,
  }),
  started(B, "shop", "v2-pay"),
  make("phase_started", B, 1, { description: "Payments", file: "01.md" }),
  failedCheck(B, 1, "npm run lint"),
  failedCheck(B, 1, "npm run lint"),
  failedCheck(B, 1, "npm run lint"),
  make("file_deleted", B, 1, { path: "src/cart.ts" }),
  make("phase_failed", B, 1, { error: "lint", attempts: 3, duration_seconds: 20 }),
  make("audit_abandoned", B, null, { reason: "error", phases_completed: 0, phases_remaining: 2 }),
  started(C, "shop", "v3-wip"),
  make("phase_started", C, 1, { description: "WIP", file: "01.md" }),
  started(A.replace(/a/g, "e"), "blog", "v1"),
  completed(D, 1, 7),
];

const project = (name: string): ProjectInsights => {
  const found = computeInsights(records).projects.find((p) => p.project === name);
  if (found === undefined) throw new Error(`no project ${name}`);
  return found;
};

describe("computeInsights", () => {
  it("groups by project, by name, with audits lacking audit_started under (unknown project)", () => {
    const insights = computeInsights(records);
    expect(insights.projects.map((p) => p.project)).toEqual(["(unknown project)", "blog", "shop"]);
    expect([insights.events, insights.audits, insights.since]).toEqual([records.length, 5, null]);
    expect(project("(unknown project)").phases.completed).toBe(1);
  });

  it("counts audits completed, abandoned and in progress", () => {
    expect(project("shop").audits).toEqual({
      total: 3,
      completed: 1,
      abandoned: 1,
      in_progress: 1,
    });
    expect(project("blog").audits).toEqual({
      total: 1,
      completed: 0,
      abandoned: 0,
      in_progress: 1,
    });
  });

  it("rates phase success as completed / (completed + failed), skipped not counted", () => {
    expect(project("shop").phases).toEqual({
      completed: 2,
      failed: 1,
      skipped: 1,
      success_rate: 2 / 3,
    });
    expect(project("blog").phases.success_rate).toBeNull();
  });

  it("takes mean and nearest-rank p95 of completed and failed phase durations", () => {
    expect(project("shop").phase_duration_seconds).toEqual({ count: 3, mean: 20, p95: 30 });
    expect(project("blog").phase_duration_seconds).toEqual({ count: 0, mean: null, p95: null });
  });

  it("counts retries: failed verifications of a completed phase, attempts − 1 of a failed one", () => {
    expect(project("shop").retries).toEqual({
      phases: 3,
      mean: 1.333, // (0 + 2 + 2) / 3, to the thousandth
      max: { retries: 2, audit_id: A, slug: "v1-cart", phase: 2, description: "Totals" },
    });
  });

  it("lists the most-failing commands and the most-changed files with lines added and removed", () => {
    // Audit A's failures passed on retry (flaky); audit B's lint failed all three attempts.
    expect(project("shop").failing_commands).toEqual([
      { command: "npm run lint", failures: 4, flaky: 1 },
      { command: "npm test", failures: 1, flaky: 1 },
    ]);
    expect(project("shop").changed_files).toEqual([
      { path: "src/cart.ts", changes: 4, lines_added: 7, lines_removed: 3 },
      { path: "README.md", changes: 1, lines_added: 1, lines_removed: 0 },
    ]);
  });

  it("keeps the top 5 only", () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      Array.from({ length: i + 1 }, () => failedCheck(A, 1, `cmd-${i}`)),
    ).flat();
    const [shop] = computeInsights([started(A, "shop", "s"), ...many]).projects;
    expect(shop?.failing_commands.map((c) => [c.command, c.failures])).toEqual([
      ["cmd-6", 7],
      ["cmd-5", 6],
      ["cmd-4", 5],
      ["cmd-3", 4],
      ["cmd-2", 3],
    ]);
  });

  it("with since, files an audit under the project of an audit_started given apart", () => {
    const window = records.filter((r) => r.audit_id === B && r.type !== "audit_started");
    const starts = records.filter((r) => r.type === "audit_started");
    const since = window[0]?.timestamp;
    const insights = computeInsights(window, { since, auditStarts: starts });
    expect(insights.since).toBe(since);
    expect(insights.projects.map((p) => [p.project, p.audits.abandoned])).toEqual([["shop", 1]]);
    expect(computeInsights(window).projects.map((p) => p.project)).toEqual(["(unknown project)"]);
  });

  it("returns no projects for no records", () => {
    expect(computeInsights([])).toEqual({ since: null, events: 0, audits: 0, projects: [] });
  });
});

describe("statistics", () => {
  it("p95 by nearest rank is the value at rank ⌈0.95 n⌉", () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentileNearestRank(oneToTwenty, 95)).toBe(19);
    expect(percentileNearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentileNearestRank([4], 95)).toBe(4);
    expect(percentileNearestRank([], 95)).toBeNull();
    expect(percentileNearestRank([3, 1, 2], 50)).toBe(2);
  });

  it("mean, and top counts with ties in first-seen order", () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
    // To the thousandth, as durations are recorded: JSON output shows no float noise.
    expect(mean([0.1, 0.2, 0.3, 0.4044])).toBe(0.251);
    expect(mean([0.1, 0.2])).toBe(0.15);
    const entries = [
      { key: "a", count: 1 },
      { key: "b", count: 2 },
      { key: "c", count: 2 },
    ];
    expect(topCounts(entries, 2).map((e) => e.key)).toEqual(["b", "c"]);
  });
});
