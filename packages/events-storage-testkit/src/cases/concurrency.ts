import { EventEmitter, type EventRecord } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { at, makeRecord } from "../fixtures.js";

/** Many emits in flight at once, and a large log. */
export function concurrencyCases({ api, storage, largeTimeout }: SuiteContext): void {
  const { describe, it, expect } = api;

  describe("volume", () => {
    it(
      "stores 500 concurrent emits exactly once each, in emit order",
      async () => {
        const clock = new Date(at(0));
        const emitter = new EventEmitter({ storage: storage(), now: () => clock });
        const events = await Promise.all(
          Array.from({ length: 500 }, (_, i) =>
            emitter.emit("verification_passed", `audit-${i % 5}`, {
              phase: 1 + (i % 3),
              data: { command: `check ${i}`, exit_code: 0, duration_ms: i },
            }),
          ),
        );
        const stored = await storage().getEvents();
        expect(stored).toHaveLength(500);
        expect(new Set(stored.map((r) => r.id)).size).toBe(500);
        // One timestamp for all: ties must come back in emit order.
        expect(stored.map((r) => r.id)).toEqual(events.map((e) => e.id));
        expect(stored).toEqual(events.map((e) => e.toDict()));
      },
      largeTimeout,
    );

    it(
      "round-trips 10,000 events across 100 audits",
      async () => {
        const records: EventRecord[] = Array.from({ length: 10_000 }, (_, i) =>
          makeRecord({
            audit_id: `audit-${i % 100}`,
            type: "file_modified",
            phase: 1 + (i % 7),
            timestamp: at(Math.floor(i / 3)),
            data: {
              path: `src/file-${i}.ts`,
              size_bytes: i,
              lines_added: i % 11,
              lines_removed: i % 5,
            },
          }),
        );
        await storage().appendEvents(records);
        expect(await storage().getEvents()).toEqual(records);
        const one = await storage().getEvents({ auditId: "audit-42" });
        expect(one).toEqual(records.filter((r) => r.audit_id === "audit-42"));
        expect(one).toHaveLength(100);
      },
      largeTimeout,
    );
  });
}
