import type { Insights, ProjectInsights } from "@phaser/events-analysis";
import { describe, expect, it } from "vitest";
import { formatInsights } from "../src/insights/format-insights.js";

const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const D = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";

const idle = (project: string): ProjectInsights => ({
  project,
  audits: { total: 1, completed: 0, abandoned: 0, in_progress: 1 },
  phases: { completed: 0, failed: 0, skipped: 0, success_rate: null },
  phase_duration_seconds: { count: 0, mean: null, p95: null },
  failing_commands: [],
  changed_files: [],
  retries: { phases: 0, mean: null, max: null },
});

/**
 * What computeInsights gives for @phaser/events-analysis's own fixture (its
 * compute-insights test): shop has a completed audit whose phase 2 passed after
 * two retries, an abandoned one and one in progress; blog has an audit that
 * ended no phase; one audit has no audit_started.
 */
const insights: Insights = {
  since: null,
  events: 28,
  audits: 5,
  projects: [
    {
      ...idle("(unknown project)"),
      phases: { completed: 1, failed: 0, skipped: 0, success_rate: 1 },
      phase_duration_seconds: { count: 1, mean: 7, p95: 7 },
      retries: {
        phases: 1,
        mean: 0,
        max: { retries: 0, audit_id: D, slug: null, phase: 1, description: null },
      },
    },
    idle("blog"),
    {
      project: "shop",
      audits: { total: 3, completed: 1, abandoned: 1, in_progress: 1 },
      phases: { completed: 2, failed: 1, skipped: 1, success_rate: 2 / 3 },
      phase_duration_seconds: { count: 3, mean: 20, p95: 30 },
      failing_commands: [
        { command: "npm run lint", failures: 4, flaky: 1 },
        { command: "npm test", failures: 1, flaky: 1 },
      ],
      changed_files: [
        { path: "src/cart.ts", changes: 4, lines_added: 7, lines_removed: 3 },
        { path: "README.md", changes: 1, lines_added: 1, lines_removed: 0 },
      ],
      retries: {
        phases: 3,
        mean: 1.333,
        max: { retries: 2, audit_id: A, slug: "v1-cart", phase: 2, description: "Totals" },
      },
    },
  ],
};

describe("formatInsights", () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removes colour codes, if any.
  const plain = (text: string) => text.replace(/\u001b\[\d+m/g, "");
  const text = plain(formatInsights(insights));

  it("has a heading per project and the numbers, readable", () => {
    expect(text).toContain("Insights: 5 audits");
    expect(text).toMatch(/^shop$/m);
    expect(text).toMatch(/^\(unknown project\)$/m);
    expect(text).toContain("3: 1 completed, 1 abandoned, 1 in progress");
    expect(text).toContain("66.7% success · 2 completed, 1 failed, 1 skipped");
    expect(text).toContain("mean 20.000s · p95 30.000s (3 phases)");
    expect(text).toContain("mean 1.33 per phase · max 2 (v1-cart phase 2: Totals)");
    expect(text).toMatch(/4×\s+npm run lint/);
    expect(text).toMatch(/4×\s+src\/cart\.ts\s+\+7 -3/);
    expect(text).toContain("n/a success");
  });
});
