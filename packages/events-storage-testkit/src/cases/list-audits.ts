import { type EventStorage, isInvalidQueryError } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";

/** The `listAudits` capability (tested unless a store opts out with `listAudits: false`). */
export function listAuditsCases({ api, storage, listAudits }: SuiteContext): void {
  if (!listAudits) return;
  const { describe, it, expect } = api;
  const list = (options?: Parameters<NonNullable<EventStorage["listAudits"]>>[0]) => {
    const store = storage();
    if (store.listAudits === undefined) throw new Error("this store has no listAudits capability");
    return store.listAudits(options);
  };
  const started = (auditId: string, ms: number, project = "proj", slug = "slug") =>
    makeRecord({
      type: "audit_started",
      audit_id: auditId,
      timestamp: at(ms),
      data: { project, slug, phases_total: 2 },
    });

  describe("listAudits (capability)", () => {
    it("is empty for an empty store", async () => {
      expect(await list()).toEqual([]);
    });

    it("sums each audit up: first and last timestamp, count, project, slug, outcome", async () => {
      await storage().appendEvents([
        started("run-a", 1000, "alpha", "a-slug"),
        makeRecord({ audit_id: "run-a", timestamp: at(1500) }),
        makeRecord({ type: "audit_completed", audit_id: "run-a", timestamp: at(2000) }),
        started("run-b", 3000),
        makeRecord({ type: "audit_abandoned", audit_id: "run-b", timestamp: at(3100) }),
        makeRecord({ audit_id: "run-c", timestamp: at(500), type: "phase_paused" }),
        makeRecord({ audit_id: "run-c", timestamp: at(400) }),
      ]);
      expect(await list()).toEqual([
        {
          auditId: "run-b",
          firstTimestamp: at(3000),
          lastTimestamp: at(3100),
          eventCount: 2,
          project: "proj",
          slug: "slug",
          outcome: "abandoned",
        },
        {
          auditId: "run-a",
          firstTimestamp: at(1000),
          lastTimestamp: at(2000),
          eventCount: 3,
          project: "alpha",
          slug: "a-slug",
          outcome: "completed",
        },
        {
          auditId: "run-c",
          firstTimestamp: at(400),
          lastTimestamp: at(500),
          eventCount: 2,
          project: null,
          slug: null,
          outcome: null,
        },
      ]);
    });

    it("filters by id prefix (case-sensitive) and keeps the newest `limit`", async () => {
      await storage().appendEvents([
        started("2025-a", 1000),
        started("2025-b", 2000),
        started("2026-a", 3000),
        started("2025-C", 4000),
      ]);
      const ids = async (options: { prefix?: string; limit?: number }) =>
        (await list(options)).map((a) => a.auditId);
      expect(await ids({ prefix: "2025-" })).toEqual(["2025-C", "2025-b", "2025-a"]);
      expect(await ids({ prefix: "2025-", limit: 2 })).toEqual(["2025-C", "2025-b"]);
      expect(await ids({ prefix: "2025-c" })).toEqual([]);
      expect(await ids({ limit: 1 })).toEqual(["2025-C"]);
      expect(await ids({ limit: 0 })).toEqual([]);
      expect(await ids({ prefix: "%" })).toEqual([]);
      expect(await ids({ prefix: "_" })).toEqual([]);
    });

    it("follows appends and clears", async () => {
      await storage().appendEvents([started("old", 1000), started("new", 5000)]);
      await storage().appendEvent(makeRecord({ audit_id: "old", timestamp: at(6000) }));
      const [, old] = await list();
      expect(old).toMatchObject({ auditId: "old", eventCount: 2, lastTimestamp: at(6000) });
      await storage().clearEvents({ before: at(2000) });
      // What is left of "old" now starts after "new": it lists first.
      expect(await list()).toMatchObject([
        { auditId: "old", eventCount: 1, firstTimestamp: at(6000), project: null },
        { auditId: "new", eventCount: 1, firstTimestamp: at(5000), project: "proj" },
      ]);
    });

    it("refuses bad options with InvalidQueryError naming the field", async () => {
      const error = await list({ limit: -1 }).catch((e: unknown) => e);
      expect(isInvalidQueryError(error)).toBe(true);
      expect(error).toMatchObject({ field: "limit" });
    });
  });
}
