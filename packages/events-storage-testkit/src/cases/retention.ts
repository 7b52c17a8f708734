import type { EventRecord } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { at, BASE_TIME, makeRecord } from "../fixtures.js";

const DAY = 86_400_000;

/** Retention (`cleanup`, `maxEvents`, `retentionDays`, `autoCleanup`), for stores that declare it. */
export function retentionCases({ api, createRetentionStorage, largeTimeout }: SuiteContext): void {
  const { describe, it, expect } = api;
  if (createRetentionStorage === undefined) return;
  // "Now" is 100 days after the fixtures' base time.
  const now = () => new Date(BASE_TIME + 100 * DAY);
  const daysAgo = (days: number, ms = 0) => at(100 * DAY - days * DAY + ms);

  describe("retention", () => {
    it("removes events older than retentionDays and returns the count", async () => {
      const storage = await createRetentionStorage({ retentionDays: 30, now });
      const old = [
        makeRecord({ timestamp: daysAgo(31) }),
        makeRecord({ timestamp: daysAgo(30, -1) }),
      ];
      const kept = [
        makeRecord({ timestamp: daysAgo(30, 1) }),
        makeRecord({ timestamp: daysAgo(1) }),
      ];
      await storage.appendEvents([...old, ...kept]);
      expect(await storage.cleanup?.()).toBe(2);
      expect(await storage.getEvents()).toEqual(kept);
      await storage.close?.();
    });

    it("caps at maxEvents, removing the oldest first, unknown types counted like any other", async () => {
      const storage = await createRetentionStorage({ maxEvents: 3, retentionDays: 0, now });
      const records = [0, 1, 2, 3, 4].map((i) =>
        makeRecord({
          type: i === 1 ? "x_future_type" : "phase_started",
          timestamp: daysAgo(500 - i),
        }),
      );
      await storage.appendEvents([4, 0, 3, 1, 2].map((i) => records[i] as EventRecord));
      expect(await storage.cleanup?.()).toBe(2);
      expect(await storage.getEvents()).toEqual(records.slice(2));
      await storage.close?.();
    });

    it("keeps everything with retentionDays 0 and maxEvents 0", async () => {
      const storage = await createRetentionStorage({ maxEvents: 0, retentionDays: 0, now });
      await storage.appendEvents([makeRecord({ timestamp: daysAgo(5000) }), makeRecord()]);
      expect(await storage.cleanup?.()).toBe(0);
      expect(await storage.getEvents()).toHaveLength(2);
      await storage.close?.();
    });

    it(
      "defaults to 10,000 events and 90 days",
      async () => {
        const storage = await createRetentionStorage({ now });
        const recent = Array.from({ length: 10_001 }, (_, i) =>
          makeRecord({ timestamp: daysAgo(10, i) }),
        );
        await storage.appendEvents([makeRecord({ timestamp: daysAgo(91) }), ...recent]);
        expect(await storage.cleanup?.()).toBe(2);
        const left = await storage.getEvents();
        expect(left).toHaveLength(10_000);
        expect(left[0]).toEqual(recent[1]);
        await storage.close?.();
      },
      largeTimeout,
    );

    it("keeps 90 days by default when age alone decides", async () => {
      const storage = await createRetentionStorage({ now });
      const kept = [
        makeRecord({ timestamp: daysAgo(90, 1) }),
        makeRecord({ timestamp: daysAgo(89) }),
      ];
      await storage.appendEvents([makeRecord({ timestamp: daysAgo(90, -1) }), ...kept]);
      expect(await storage.cleanup?.()).toBe(1);
      expect(await storage.getEvents()).toEqual(kept);
      await storage.close?.();
    });

    it("applies the policy on every append with autoCleanup", async () => {
      const storage = await createRetentionStorage({
        maxEvents: 2,
        retentionDays: 0,
        autoCleanup: true,
        now,
      });
      const records = [1, 2, 3].map((i) => makeRecord({ timestamp: daysAgo(10 - i) }));
      for (const record of records) await storage.appendEvent(record);
      expect(await storage.getEvents()).toEqual(records.slice(1));
      await storage.close?.();
    });
  });
}
