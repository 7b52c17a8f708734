import { isInvalidQueryError } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";

/** clearEvents: everything, or everything strictly before an instant. */
export function clearCases({ api, storage }: SuiteContext): void {
  const { describe, it, expect, beforeEach } = api;

  describe("clearEvents", () => {
    const records = [0, 1000, 2000, 3000].map((offset, i) =>
      makeRecord({ audit_id: i % 2 === 0 ? "a" : "b", timestamp: at(offset) }),
    );
    beforeEach(async () => {
      await storage().appendEvents(records);
    });

    it("removes every event and returns the count", async () => {
      expect(await storage().clearEvents()).toBe(4);
      expect(await storage().getEvents()).toEqual([]);
      expect(await storage().getEvents({ auditId: "a" })).toEqual([]);
      expect(await storage().clearEvents()).toBe(0);
    });

    it("removes only events strictly before a Date", async () => {
      expect(await storage().clearEvents({ before: new Date(at(2000)) })).toBe(2);
      expect((await storage().getEvents()).map((r) => r.id)).toEqual([
        records[2]?.id,
        records[3]?.id,
      ]);
      expect((await storage().getEvents({ auditId: "a" })).map((r) => r.id)).toEqual([
        records[2]?.id,
      ]);
    });

    it("removes only events strictly before an ISO string", async () => {
      expect(await storage().clearEvents({ before: at(1001) })).toBe(2);
      expect(await storage().getEvents()).toHaveLength(2);
    });

    it("accepts new events after a clear", async () => {
      await storage().clearEvents();
      const next = makeRecord({ audit_id: "a" });
      await storage().appendEvent(next);
      expect(await storage().getEvents({ auditId: "a" })).toEqual([next]);
    });

    it("rejects a bad date and removes nothing", async () => {
      const error = await storage()
        .clearEvents({ before: "not a date" })
        .catch((e: unknown) => e);
      expect(isInvalidQueryError(error)).toBe(true);
      expect(await storage().getEvents()).toHaveLength(4);
    });
  });
}
