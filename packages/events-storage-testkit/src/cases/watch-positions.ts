import type { EventRecord } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";
import { increasing, otherErrorsOf, seqsOf, watchFixture } from "./watch-collector.js";

/**
 * Watch positions across `clearEvents`, for stores with `watch`: a `seq`
 * strictly increases for the life of the store, is never renumbered nor
 * reused, and a saved one resumes exactly after it. Every wait is on a
 * delivery; a store that renumbers fails by a wrong seq or by the timeout.
 */
export function watchPositionCases({ api, storage, watch }: SuiteContext): void {
  if (!watch) return;
  const { describe, it, expect } = api;

  describe("watch positions across clears", () => {
    const { start } = watchFixture(api);

    it("keeps seq increasing across a clear of everything", async () => {
      const watch = await start(storage());
      const first = [makeRecord(), makeRecord(), makeRecord()];
      await storage().appendEvents(first);
      await watch.until(3);
      expect(await storage().clearEvents()).toBe(3);
      const next = [makeRecord(), makeRecord()];
      for (const record of next) await storage().appendEvent(record);
      await watch.until(5);
      expect(watch.received.map((r) => r.record)).toEqual([...first, ...next]);
      expect(seqsOf(watch)).toEqual(increasing(seqsOf(watch)));
      expect(seqsOf(watch)).toHaveLength(5);
      // It read the three before they were cleared: it missed nothing.
      expect(watch.errors).toEqual([]);

      // A watch started after the clear sees the new records at the same positions.
      const fresh = await start(storage(), { fromSeq: 0 });
      await fresh.until(2);
      expect(fresh.received).toEqual(watch.received.slice(3));
      expect(otherErrorsOf(fresh)).toEqual([]);
    });

    it("resumes after a saved seq once everything was cleared", async () => {
      await storage().appendEvents([makeRecord(), makeRecord()]);
      const first = await start(storage(), { fromSeq: 0 });
      await first.until(2);
      await first.stop();
      const saved = first.received[1]?.seq as number;

      await storage().clearEvents();
      const next = [makeRecord(), makeRecord(), makeRecord()];
      await storage().appendEvent(next[0] as EventRecord);
      await storage().appendEvents(next.slice(1));
      const resumed = await start(storage(), { fromSeq: saved });
      await resumed.until(3);
      expect(resumed.received.map((r) => r.record)).toEqual(next);
      expect(seqsOf(resumed)).toEqual(increasing(seqsOf(resumed)));
      expect(resumed.received[0]?.seq).toBeGreaterThan(saved);
      // Only records at or before `saved` were removed: there is no gap to tell.
      expect(resumed.errors).toEqual([]);
    });

    it("keeps the survivors' seqs after a partial clear, and never reuses a removed one", async () => {
      // Appended out of timestamp order, so the cleared records are not a
      // prefix of the append order: the 2nd and the last (the newest position).
      const records = [3, 1, 4, 5, 2].map((n) => makeRecord({ timestamp: at(-100 + n) }));
      await storage().appendEvents(records);
      const all = await start(storage(), { fromSeq: 0 });
      await all.until(5);
      await all.stop();
      expect(all.received.map((r) => r.record)).toEqual(records);
      const before = all.received;

      expect(await storage().clearEvents({ before: at(-100 + 3) })).toBe(2);
      const after = await start(storage(), { fromSeq: 0 });
      await after.until(3);
      expect(after.received).toEqual([before[0], before[2], before[3]]);
      expect(otherErrorsOf(after)).toEqual([]);

      const next = makeRecord();
      await storage().appendEvent(next);
      await after.until(4);
      expect(after.received[3]?.record).toEqual(next);
      // Above every seq ever given, the removed last one included.
      expect(after.received[3]?.seq).toBeGreaterThan(before[4]?.seq as number);
    });
  });
}
