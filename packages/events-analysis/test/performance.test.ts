import type { EventRecord } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { AuditRowsBuilder, buildAuditTimeline } from "../src/index.js";
import { auditRecords, failedRun, passedRun, started } from "./fixtures/audit-records.js";

const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";

/** One audit of `phases` phases of 50 records each: a flaky check, file changes, 20 commands. */
function bigAudit(phases: number): EventRecord[] {
  const at = auditRecords(A);
  const records = [at(0, "audit_started", null, started("shop", "big", phases))];
  let second = 1;
  for (let phase = 1; phase <= phases; phase += 1) {
    records.push(at(second++, "phase_started", phase, { description: `P${phase}`, file: "p.md" }));
    records.push(at(second++, "verification_failed", phase, failedRun("cmd-0")));
    for (let i = 0; i < 20; i += 1) {
      records.push(at(second++, "verification_passed", phase, passedRun(`cmd-${i}`)));
      records.push(at(second++, "file_modified", phase, { path: `f${i}.ts`, lines_added: 1 }));
    }
    while (records.length % 50 !== 0)
      records.push(at(second++, "file_deleted", phase, { path: "x" }));
    records.push(at(second++, "phase_completed", phase, { duration_seconds: 1 }));
  }
  return records;
}

/** The fastest of a few runs, in milliseconds: a loaded machine slows some runs, not all. */
function fastest(runs: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe("performance", () => {
  it("builds the timeline of a 5,000-event audit, shuffled, in a few milliseconds", () => {
    const records = shuffled(bigAudit(100));
    expect(records.length).toBeGreaterThanOrEqual(5000);
    const timeline = buildAuditTimeline(records, A);
    expect(timeline?.phases).toHaveLength(100);
    expect(timeline?.row.eventCount).toBe(records.length);
    // About 5 ms here; a grouping that rescans per phase or per record would take seconds.
    expect(fastest(5, () => buildAuditTimeline(records, A))).toBeLessThan(50);
  });

  it("adds a record in constant time: the 50,000th costs what the 50th did", () => {
    const records = bigAudit(1000);
    const builder = new AuditRowsBuilder();
    const early = records.slice(0, 1000);
    const late = records.slice(-1000);
    for (const record of records.slice(0, -1000)) builder.add(record);
    const lateMs = fastest(3, () => {
      for (const record of late) builder.add(record);
    });
    const fresh = new AuditRowsBuilder();
    const earlyMs = fastest(3, () => {
      for (const record of early) fresh.add(record);
    });
    // A builder that rescanned its audit would be ~50 times slower on the late records.
    expect(lateMs).toBeLessThan(earlyMs * 10 + 20);
    expect(builder.get(A)).toMatchObject({ phasesDone: 1000, eventCount: records.length + 2000 });
  });
});

/** A fixed shuffle (the same every run): records in no time order. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i -= 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
