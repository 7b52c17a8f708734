import type { EventRecord, WatchOptions } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { makeRecord } from "../fixtures.js";
import { watchFixture } from "./watch-collector.js";

/**
 * The optional `watch` capability, for stores that declare it with the
 * `watch` option. Every
 * wait is on a delivery, never a sleep; a store that never delivers fails by
 * the test timeout.
 */
export function watchCases({ api, storage, watch }: SuiteContext): void {
  if (!watch) return;
  const { describe, it, expect } = api;

  describe("watch (optional capability)", () => {
    const fixture = watchFixture(api);
    const start = (options?: Omit<WatchOptions, "onError">, onRecord?: (r: EventRecord) => void) =>
      fixture.start(storage(), options, onRecord);

    it("delivers records appended after it started, in append order, with rising seq", async () => {
      const before = makeRecord();
      await storage().appendEvent(before);
      const watch = await start();
      const later = [makeRecord(), makeRecord(), makeRecord()];
      await storage().appendEvent(later[0] as EventRecord);
      await storage().appendEvents(later.slice(1));
      await watch.until(3);
      expect(watch.received.map((r) => r.record)).toEqual(later);
      const seqs = watch.received.map((r) => r.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(3);
      expect(watch.errors).toEqual([]);
    });

    it("with fromSeq 0 delivers the stored records first, then new ones", async () => {
      const stored = [makeRecord(), makeRecord()];
      await storage().appendEvents(stored);
      const watch = await start({ fromSeq: 0 });
      await watch.until(2);
      const next = makeRecord();
      await storage().appendEvent(next);
      await watch.until(3);
      expect(watch.received.map((r) => r.record)).toEqual([...stored, next]);
    });

    it("resumes after the seq of a delivered record", async () => {
      const records = [makeRecord(), makeRecord(), makeRecord()];
      await storage().appendEvents(records);
      const first = await start({ fromSeq: 0 });
      await first.until(3);
      const resume = await start({ fromSeq: first.received[0]?.seq });
      await resume.until(2);
      expect(resume.received.map((r) => r.record)).toEqual(records.slice(1));
      expect(resume.received.map((r) => r.seq)).toEqual(first.received.slice(1).map((r) => r.seq));
    });

    it("delivers only the records of auditId when given", async () => {
      const watch = await start({ auditId: "audit-w" });
      const all = await start();
      const mine = makeRecord({ audit_id: "audit-w" });
      await storage().appendEvents([makeRecord({ audit_id: "audit-x" }), mine]);
      await all.until(2);
      const last = makeRecord({ audit_id: "audit-w" });
      await storage().appendEvent(last);
      await watch.until(2);
      expect(watch.received.map((r) => r.record)).toEqual([mine, last]);
    });

    it("delivers nothing after it is stopped", async () => {
      const stopped = await start();
      const witness = await start();
      await stopped.stop();
      await storage().appendEvent(makeRecord());
      await witness.until(1);
      expect(stopped.received).toEqual([]);
    });

    it("reports a listener that throws to onError and keeps delivering", async () => {
      const watch = await start({}, (record) => {
        if (record.audit_id === "throws") throw new Error("listener failed");
      });
      await storage().appendEvent(makeRecord({ audit_id: "throws" }));
      await storage().appendEvent(makeRecord({ audit_id: "fine" }));
      await watch.until(2);
      expect(watch.errors).toHaveLength(1);
      expect(String(watch.errors[0])).toContain("listener failed");
    });
  });
}
