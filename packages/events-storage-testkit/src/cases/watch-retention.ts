import type { SuiteContext } from "../context.js";
import { BASE_TIME, makeRecord } from "../fixtures.js";
import { increasing, seqsOf, watchFixture } from "./watch-collector.js";

/** Retention's clock: long after the fixtures' timestamps, which `retentionDays: 0` keeps anyway. */
const now = () => new Date(BASE_TIME + 100 * 86_400_000);

/**
 * Watch positions across retention, for stores with `watch` and
 * `createRetentionStorage`: `cleanup` and `autoCleanup` remove records
 * without renumbering the rest, and a watch that keeps up misses nothing.
 */
export function watchRetentionCases({ api, watch, createRetentionStorage }: SuiteContext): void {
  if (!watch || createRetentionStorage === undefined) return;
  const { describe, it, expect } = api;

  describe("watch positions across retention", () => {
    const { start, own } = watchFixture(api);

    it("delivers every record once, with increasing seqs, while autoCleanup removes them", async () => {
      const storage = own(
        await createRetentionStorage({ maxEvents: 2, retentionDays: 0, autoCleanup: true, now }),
      );
      const watch = await start(storage);
      const records = [1, 2, 3, 4, 5, 6].map(() => makeRecord());
      // Each append waits for its delivery: a record is kept until two more
      // arrive, so a watch that keeps up reads every one before it expires.
      for (const [i, record] of records.entries()) {
        await storage.appendEvent(record);
        await watch.until(i + 1);
      }
      expect(watch.received.map((r) => r.record)).toEqual(records);
      expect(seqsOf(watch)).toEqual(increasing(seqsOf(watch)));
      expect(seqsOf(watch)).toHaveLength(6);
      expect(watch.errors).toEqual([]);
      expect(await storage.getEvents()).toEqual(records.slice(4));

      // The survivors kept their seqs: resuming after the last expired one gives exactly them.
      const resumed = await start(storage, { fromSeq: watch.received[3]?.seq });
      await resumed.until(2);
      expect(resumed.received).toEqual(watch.received.slice(4));
      expect(resumed.errors).toEqual([]);
    });

    it("keeps the survivors' seqs across cleanup, and later records get higher ones", async () => {
      const storage = own(await createRetentionStorage({ maxEvents: 2, retentionDays: 0, now }));
      const records = [1, 2, 3, 4, 5].map(() => makeRecord());
      await storage.appendEvents(records);
      const all = await start(storage, { fromSeq: 0 });
      await all.until(5);
      await all.stop();

      expect(await storage.cleanup?.()).toBe(3);
      // Nothing after the last removed record is missing: no gap to tell.
      const resumed = await start(storage, { fromSeq: all.received[2]?.seq });
      await resumed.until(2);
      expect(resumed.received).toEqual(all.received.slice(3));
      const next = makeRecord();
      await storage.appendEvent(next);
      await resumed.until(3);
      expect(resumed.received[2]?.record).toEqual(next);
      expect(resumed.received[2]?.seq).toBeGreaterThan(all.received[4]?.seq as number);
      expect(resumed.errors).toEqual([]);
    });
  });
}
