import { type EventRecord, isInvalidQueryError } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";

/** Every filter of `getEvents`, alone and combined. */
export function queryCases({ api, storage }: SuiteContext): void {
  const { describe, it, expect, beforeEach } = api;

  describe("getEvents filters", () => {
    // Two audits, three types, one event per second from +0s to +5s.
    const records: EventRecord[] = [
      makeRecord({ audit_id: "a", type: "audit_started", timestamp: at(0) }),
      makeRecord({ audit_id: "b", type: "audit_started", timestamp: at(1000) }),
      makeRecord({ audit_id: "a", type: "phase_started", timestamp: at(2000) }),
      makeRecord({ audit_id: "b", type: "phase_started", timestamp: at(3000) }),
      makeRecord({ audit_id: "a", type: "phase_completed", timestamp: at(4000) }),
      makeRecord({ audit_id: "a", type: "phase_started", timestamp: at(5000) }),
    ];
    const ids = (list: EventRecord[]) => list.map((r) => records.indexOf(r));
    const query = async (q: Parameters<ReturnType<SuiteContext["storage"]>["getEvents"]>[0]) =>
      ids(
        (await storage().getEvents(q)).map(
          (r) => records.find((x) => x.id === r.id) as EventRecord,
        ),
      );

    beforeEach(async () => {
      await storage().appendEvents(records);
    });

    it("returns everything without a query, or with an empty one", async () => {
      expect(await query(undefined)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(await query({})).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it("filters by audit id", async () => {
      expect(await query({ auditId: "a" })).toEqual([0, 2, 4, 5]);
      expect(await query({ auditId: "b" })).toEqual([1, 3]);
      expect(await query({ auditId: "nobody" })).toEqual([]);
    });

    it("filters by event type", async () => {
      expect(await query({ eventType: "phase_started" })).toEqual([2, 3, 5]);
      expect(await query({ eventType: "file_deleted" })).toEqual([]);
    });

    it("filters by since, inclusive, as a Date or an ISO string", async () => {
      expect(await query({ since: new Date(at(2000)) })).toEqual([2, 3, 4, 5]);
      expect(await query({ since: at(2000) })).toEqual([2, 3, 4, 5]);
      expect(await query({ since: at(2001) })).toEqual([3, 4, 5]);
    });

    it("filters by until, exclusive, as a Date or an ISO string", async () => {
      expect(await query({ until: new Date(at(2000)) })).toEqual([0, 1]);
      expect(await query({ until: at(2000) })).toEqual([0, 1]);
      expect(await query({ until: at(2001) })).toEqual([0, 1, 2]);
    });

    it("accepts ISO strings with an offset and compares instants", async () => {
      // 10:00:02 UTC written as 11:00:02+01:00
      expect(await query({ since: "2025-12-05T11:00:02+01:00" })).toEqual([2, 3, 4, 5]);
    });

    it("limits to the earliest N matches", async () => {
      expect(await query({ limit: 2 })).toEqual([0, 1]);
      expect(await query({ limit: 0 })).toEqual([]);
      expect(await query({ limit: 100 })).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it("combines every filter", async () => {
      expect(await query({ auditId: "a", eventType: "phase_started" })).toEqual([2, 5]);
      expect(await query({ auditId: "a", since: at(1000), until: at(5000) })).toEqual([2, 4]);
      expect(
        await query({
          auditId: "a",
          eventType: "phase_started",
          since: at(0),
          until: at(6000),
          limit: 1,
        }),
      ).toEqual([2]);
      expect(await query({ auditId: "b", eventType: "phase_started", since: at(3001) })).toEqual(
        [],
      );
    });

    it("rejects a bad date or limit with InvalidQueryError naming the field", async () => {
      for (const [q, field] of [
        [{ since: "yesterday" }, "since"],
        [{ until: new Date(Number.NaN) }, "until"],
        [{ limit: -1 }, "limit"],
        [{ limit: 1.5 }, "limit"],
      ] as const) {
        const error = await storage()
          .getEvents(q)
          .catch((e: unknown) => e);
        expect(isInvalidQueryError(error), `query ${JSON.stringify(q)}`).toBe(true);
        expect((error as { field: string }).field).toBe(field);
      }
    });
  });
}
