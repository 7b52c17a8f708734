import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";
import { increasing, seqsOf, watchFixture } from "./watch-collector.js";

/**
 * A watch across `clearEvents`: the records appended after a clear get
 * positions above every earlier one, a watch that keeps up delivers them,
 * and one resumed from before the clear delivers exactly them.
 */
export function watchClearCases({ api, storage, watch }: SuiteContext): void {
  if (!watch) return;
  const { describe, it, expect } = api;

  describe("watch across clear", () => {
    const { start } = watchFixture(api);

    it("keeps delivering after a clear, with positions above every earlier one", async () => {
      const live = await start(storage());
      const before = [makeRecord(), makeRecord()];
      await storage().appendEvents(before);
      await live.until(2);
      expect(await storage().clearEvents()).toBe(2);
      const after = [makeRecord({ timestamp: at(-50) }), makeRecord()];
      await storage().appendEvent(after[0] as (typeof after)[0]);
      await storage().appendEvent(after[1] as (typeof after)[1]);
      await live.until(4);
      expect(live.received.map((r) => r.record)).toEqual([...before, ...after]);
      expect(seqsOf(live)).toEqual(increasing(seqsOf(live)));
      expect(live.errors).toEqual([]);

      const resumed = await start(storage(), { fromSeq: live.received[1]?.seq });
      await resumed.until(2);
      expect(resumed.received).toEqual(live.received.slice(2));
    });
  });
}
