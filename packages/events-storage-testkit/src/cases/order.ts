import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";

/** Timestamp order, with equal timestamps in append order. */
export function orderCases({ api, storage }: SuiteContext): void {
  const { describe, it, expect } = api;

  describe("ordering", () => {
    it("returns records in timestamp order whatever the append order", async () => {
      const late = makeRecord({ timestamp: at(3000) });
      const early = makeRecord({ timestamp: at(1000) });
      const middle = makeRecord({ timestamp: at(2000) });
      await storage().appendEvent(late);
      await storage().appendEvent(early);
      await storage().appendEvents([middle]);
      expect((await storage().getEvents()).map((r) => r.id)).toEqual([
        early.id,
        middle.id,
        late.id,
      ]);
    });

    it("keeps append order for equal timestamps, across single appends and batches", async () => {
      const ts = at(7000);
      const batch = Array.from({ length: 5 }, (_, i) =>
        makeRecord({ timestamp: ts, data: { n: i } }),
      );
      await storage().appendEvent(makeRecord({ timestamp: ts, data: { n: -1 } }));
      await storage().appendEvents(batch);
      await storage().appendEvent(makeRecord({ timestamp: at(6000), data: { n: -2 } }));
      await storage().appendEvent(makeRecord({ timestamp: ts, data: { n: 5 } }));
      const all = await storage().getEvents();
      expect(all.map((r) => r.data.n)).toEqual([-2, -1, 0, 1, 2, 3, 4, 5]);
      const forAudit = await storage().getEvents({ auditId: "audit-a", since: ts });
      expect(forAudit.map((r) => r.data.n)).toEqual([-1, 0, 1, 2, 3, 4, 5]);
    });
  });
}
