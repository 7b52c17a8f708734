import type { SuiteContext } from "../context.js";
import { at, BASE_TIME, makeRecord } from "../fixtures.js";
import { gapsOf, watchFixture } from "./watch-collector.js";

/** Retention's clock: long after the fixtures' timestamps, which `retentionDays: 0` keeps anyway. */
const now = () => new Date(BASE_TIME + 100 * 86_400_000);

/**
 * A follower told of what was removed before it read it, for stores with
 * `watch` (and `watchGaps`, default true): records after a watch's position
 * that a clear or retention removed are reported to `onError` as a
 * `WatchGapError` with how many were missed and after which position,
 * instead of being skipped silently. The retention case needs
 * `createRetentionStorage`.
 */
export function watchGapCases({
  api,
  storage,
  watch,
  watchGaps,
  createRetentionStorage,
}: SuiteContext): void {
  if (!watch || !watchGaps) return;
  const { describe, it, expect } = api;

  describe("watch gaps", () => {
    const { start, own } = watchFixture(api);

    it("tells a resumed watch of each run of records a clear removed after its position", async () => {
      // Appended out of timestamp order: the clear removes the 2nd and the 4th.
      const records = [3, 1, 4, 2, 5].map((n) => makeRecord({ timestamp: at(-100 + n) }));
      await storage().appendEvents(records);
      const all = await start(storage(), { fromSeq: 0 });
      await all.until(5);
      await all.stop();
      const seqs = all.received.map((r) => r.seq);

      expect(await storage().clearEvents({ before: at(-100 + 3) })).toBe(2);
      const resumed = await start(storage(), { fromSeq: seqs[0] });
      await resumed.until(2);
      await resumed.untilErrors(2);
      expect(resumed.received).toEqual([all.received[2], all.received[4]]);
      expect(gapsOf(resumed)).toEqual([
        { missed: 1, afterSeq: seqs[0] },
        { missed: 1, afterSeq: seqs[2] },
      ]);
    });

    if (createRetentionStorage === undefined) return;

    it("tells a watch how many records retention removed before it read them", async () => {
      const store = own(await createRetentionStorage({ maxEvents: 2, retentionDays: 0, now }));
      const records = [1, 2, 3, 4, 5].map(() => makeRecord());
      await store.appendEvents(records);
      const all = await start(store, { fromSeq: 0 });
      await all.until(5);
      await all.stop();
      const first = all.received[0]?.seq as number;

      expect(await store.cleanup?.()).toBe(3);
      const fromStart = await start(store, { fromSeq: 0 });
      await fromStart.until(2);
      await fromStart.untilErrors(1);
      expect(fromStart.received).toEqual(all.received.slice(3));
      expect(gapsOf(fromStart)).toEqual([{ missed: 3, afterSeq: 0 }]);

      const resumed = await start(store, { fromSeq: first });
      await resumed.until(2);
      await resumed.untilErrors(1);
      expect(resumed.received).toEqual(all.received.slice(3));
      expect(gapsOf(resumed)).toEqual([{ missed: 2, afterSeq: first }]);
    });
  });
}
