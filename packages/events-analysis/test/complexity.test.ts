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

/**
 * The records behind proxies that count every property read of them: a
 * count of work that a loaded machine cannot change, where a time would be
 * (speed figures are in pnpm bench).
 */
function counted(records: readonly EventRecord[]): { records: EventRecord[]; reads: () => number } {
  let reads = 0;
  const handler: ProxyHandler<EventRecord> = {
    get(target, key, receiver) {
      reads += 1;
      return Reflect.get(target, key, receiver);
    },
  };
  return { records: records.map((record) => new Proxy(record, handler)), reads: () => reads };
}

describe("complexity", () => {
  it("builds the timeline of a 5,000-event audit, shuffled, reading each record a fixed number of times", () => {
    const big = counted(shuffled(bigAudit(100)));
    const small = counted(shuffled(bigAudit(10)));
    expect(big.records.length).toBeGreaterThanOrEqual(5000);
    const timeline = buildAuditTimeline(big.records, A);
    expect(timeline?.phases).toHaveLength(100);
    expect(timeline?.row.eventCount).toBe(big.records.length);
    buildAuditTimeline(small.records, A);
    // Ten times the records, about ten times the reads; a grouping that rescanned the records
    // per phase or per record would read a hundred times as many.
    const perRecord = (run: { records: EventRecord[]; reads: () => number }) =>
      run.reads() / run.records.length;
    expect(perRecord(big)).toBeLessThan(perRecord(small) * 1.5);
  });

  it("adds a record in constant work: the 50,000th reads what the 50th did", () => {
    const all = counted(bigAudit(1000));
    const records = all.records;
    const builder = new AuditRowsBuilder();
    for (const record of records.slice(0, -1000)) builder.add(record);
    const beforeLate = all.reads();
    for (const record of records.slice(-1000)) builder.add(record);
    const lateReads = all.reads() - beforeLate;
    const fresh = new AuditRowsBuilder();
    const beforeEarly = all.reads();
    for (const record of records.slice(0, 1000)) fresh.add(record);
    const earlyReads = all.reads() - beforeEarly;
    // A builder that rescanned its audit's records would read ~50 times as many for the late ones.
    expect(lateReads).toBeLessThan(earlyReads * 1.5);
    expect(builder.get(A)).toMatchObject({ phasesDone: 1000, eventCount: records.length });
    expect(fresh.get(A)).toMatchObject({ eventCount: 1000 });
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
