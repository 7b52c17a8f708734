import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";
import { increasing, otherErrorsOf, seqsOf, watchFixture } from "./watch-collector.js";

/**
 * Watch positions across a restart, for stores with `watch` and `reopen`:
 * a second store over the same data (a restarted process) keeps every
 * record's seq, gives new records higher ones, even when the newest were
 * cleared before the restart, and resumes after a seq the first one gave.
 */
export function watchReopenCases({ api, storage, watch, reopen }: SuiteContext): void {
  if (!watch || reopen === undefined) return;
  const { describe, it, expect } = api;

  describe("watch positions across a reopen", () => {
    const { start } = watchFixture(api);

    it("keeps seqs and resumes after a saved seq in the reopened store", async () => {
      const before = [makeRecord(), makeRecord()];
      await storage().appendEvents(before);
      const first = await start(storage(), { fromSeq: 0 });
      await first.until(2);
      await first.stop();

      const reopened = await reopen();
      const after = [makeRecord(), makeRecord()];
      for (const record of after) await reopened.appendEvent(record);
      const all = await start(reopened, { fromSeq: 0 });
      await all.until(4);
      expect(all.received.slice(0, 2)).toEqual(first.received);
      expect(all.received.map((r) => r.record)).toEqual([...before, ...after]);
      expect(seqsOf(all)).toEqual(increasing(seqsOf(all)));
      expect(all.errors).toEqual([]);

      const resumed = await start(reopened, { fromSeq: first.received[1]?.seq });
      await resumed.until(2);
      expect(resumed.received).toEqual(all.received.slice(2));
      expect(resumed.errors).toEqual([]);
    });

    it("gives higher seqs after a clear of everything and a reopen", async () => {
      await storage().appendEvents([makeRecord(), makeRecord(), makeRecord()]);
      const first = await start(storage(), { fromSeq: 0 });
      await first.until(3);
      await first.stop();
      const saved = first.received[2]?.seq as number;
      await storage().clearEvents();

      const reopened = await reopen();
      const next = makeRecord();
      await reopened.appendEvent(next);
      const resumed = await start(reopened, { fromSeq: saved });
      await resumed.until(1);
      expect(resumed.received[0]?.record).toEqual(next);
      expect(resumed.received[0]?.seq).toBeGreaterThan(saved);
      expect(resumed.errors).toEqual([]);
    });

    it("keeps the survivors' seqs after a partial clear and a reopen, never reusing a removed one", async () => {
      // The newest position holds the oldest timestamp: the clear removes it.
      const records = [2, 3, 1].map((n) => makeRecord({ timestamp: at(-100 + n) }));
      await storage().appendEvents(records);
      const first = await start(storage(), { fromSeq: 0 });
      await first.until(3);
      await first.stop();
      expect(await storage().clearEvents({ before: at(-100 + 2) })).toBe(1);

      const reopened = await reopen();
      const next = makeRecord();
      await reopened.appendEvent(next);
      const all = await start(reopened, { fromSeq: 0 });
      await all.until(3);
      expect(all.received.slice(0, 2)).toEqual(first.received.slice(0, 2));
      expect(all.received[2]?.record).toEqual(next);
      expect(all.received[2]?.seq).toBeGreaterThan(first.received[2]?.seq as number);
      expect(otherErrorsOf(all)).toEqual([]);
    });
  });
}
