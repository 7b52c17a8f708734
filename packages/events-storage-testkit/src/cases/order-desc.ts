import { isInvalidQueryError } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";

/** `order: "desc"`: the exact reverse of the ascending order, so `limit` takes the latest. */
export function orderDescCases({ api, storage }: SuiteContext): void {
  const { describe, it, expect } = api;

  describe('getEvents({ order: "desc" })', () => {
    it("returns the exact reverse of the ascending order, equal timestamps included", async () => {
      const ts = at(9000);
      await storage().appendEvent(makeRecord({ timestamp: at(9500), data: { n: 3 } }));
      await storage().appendEvents([
        makeRecord({ timestamp: ts, data: { n: 1 } }),
        makeRecord({ timestamp: ts, data: { n: 2 } }),
      ]);
      await storage().appendEvent(makeRecord({ timestamp: at(8000), data: { n: 0 } }));
      const ascending = await storage().getEvents();
      expect(ascending.map((r) => r.data.n)).toEqual([0, 1, 2, 3]);
      expect(await storage().getEvents({ order: "asc" })).toEqual(ascending);
      expect(await storage().getEvents({ order: "desc" })).toEqual([...ascending].reverse());
    });

    it("with limit gives the latest records, latest first, after the other filters", async () => {
      const records = [1, 2, 3, 4, 5, 6].map((n) =>
        makeRecord({ timestamp: at(20_000 + n), audit_id: n % 2 === 0 ? "even" : "odd" }),
      );
      await storage().appendEvents([...records].reverse());
      const latest = await storage().getEvents({ order: "desc", limit: 2 });
      expect(latest.map((r) => r.id)).toEqual([records[5]?.id, records[4]?.id]);
      const odd = await storage().getEvents({ auditId: "odd", order: "desc", limit: 2 });
      expect(odd.map((r) => r.id)).toEqual([records[4]?.id, records[2]?.id]);
      const typed = await storage().getEvents({
        eventType: "phase_started",
        until: at(20_004),
        order: "desc",
        limit: 1,
      });
      expect(typed.map((r) => r.id)).toEqual([records[2]?.id]);
      expect(await storage().getEvents({ order: "desc", limit: 0 })).toEqual([]);
    });

    it("refuses an order that is neither asc nor desc with InvalidQueryError", async () => {
      const error = await storage()
        .getEvents({ order: "newest" as "desc" })
        .catch((e: unknown) => e);
      expect(isInvalidQueryError(error)).toBe(true);
      expect(error).toMatchObject({ field: "order" });
    });
  });
}
