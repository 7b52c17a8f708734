import { isEventValidationError, type JsonValue } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { makeRecord } from "../fixtures.js";

/** appendEvent / appendEvents: what goes in comes back, bad input changes nothing. */
export function appendCases({ api, storage }: SuiteContext): void {
  const { describe, it, expect } = api;

  describe("append", () => {
    it("starts empty", async () => {
      expect(await storage().getEvents()).toEqual([]);
    });

    it("returns an appended record exactly as the wire record", async () => {
      const record = makeRecord({
        type: "audit_started",
        data: { project: "Phaser", slug: "v1", phases_total: 6 },
      });
      await storage().appendEvent(record);
      expect(await storage().getEvents()).toEqual([record]);
    });

    it("appends a batch with appendEvents", async () => {
      const records = [makeRecord(), makeRecord(), makeRecord()];
      await storage().appendEvents(records);
      expect(await storage().getEvents()).toEqual(records);
    });

    it("accepts an empty batch", async () => {
      await storage().appendEvents([]);
      expect(await storage().getEvents()).toEqual([]);
    });

    it("rejects an invalid record with a validation error naming the field, storing nothing", async () => {
      const bad = { ...makeRecord(), phase: 0 };
      const error = await storage()
        .appendEvent(bad)
        .catch((e: unknown) => e);
      expect(isEventValidationError(error)).toBe(true);
      expect((error as { field: string }).field).toBe("phase");
      expect(await storage().getEvents()).toEqual([]);
    });

    it("stores a batch all or nothing", async () => {
      await storage().appendEvent(makeRecord({ audit_id: "before" }));
      const batch = [makeRecord(), { ...makeRecord(), id: "not-a-uuid" }, makeRecord()];
      const error = await storage()
        .appendEvents(batch)
        .catch((e: unknown) => e);
      expect(isEventValidationError(error)).toBe(true);
      const stored = await storage().getEvents();
      expect(stored.map((r) => r.audit_id)).toEqual(["before"]);
    });

    it("is not changed by later mutation of the caller's record or of a returned record", async () => {
      const data: Record<string, JsonValue> = { description: "Setup" };
      const record = { ...makeRecord(), data };
      await storage().appendEvent(record);
      data.description = "changed by caller";
      const [returned] = await storage().getEvents();
      try {
        (returned?.data as Record<string, unknown>).description = "changed by reader";
      } catch {
        // frozen records are fine too
      }
      const [again] = await storage().getEvents();
      expect(again?.data).toEqual({ description: "Setup" });
    });
  });
}
