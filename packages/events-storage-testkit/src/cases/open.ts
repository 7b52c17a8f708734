import type { SuiteContext } from "../context.js";
import { makeRecord } from "../fixtures.js";

/** The `open` capability (tested unless a store opts out with `open: false`). */
export function openCases({ api, storage, open }: SuiteContext): void {
  if (!open) return;
  const { describe, it, expect } = api;

  describe("open (capability)", () => {
    it("resolves on a usable store, more than once, and the store works after it", async () => {
      const store = storage();
      if (store.open === undefined) throw new Error("this store has no open capability");
      await store.open();
      await store.open();
      const record = makeRecord();
      await store.appendEvent(record);
      expect(await store.getEvents()).toEqual([record]);
    });
  });
}
