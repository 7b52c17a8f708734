import { EventEmitter } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { makeRecord } from "../fixtures.js";

/** Forward compatibility: what a newer version wrote survives untouched. */
export function compatibilityCases({ api, storage }: SuiteContext): void {
  const { describe, it, expect } = api;

  describe("forward compatibility", () => {
    const future = {
      ...makeRecord({
        audit_id: "f",
        type: "audit_paused",
        data: { until: "tomorrow", nested: { a: [1, 2] } },
      }),
      schema_hint: "v2",
      trace: { span: "abc" },
    };
    const known = {
      ...makeRecord({
        audit_id: "f",
        type: "phase_started",
        data: { description: "Setup", file: "01.md", owner: "ci" },
      }),
      origin: "runner-7",
    };

    it("keeps unknown top-level fields, unknown data fields and unknown types", async () => {
      await storage().appendEvents([future, known]);
      expect(await storage().getEvents()).toEqual([future, known]);
    });

    it("filters on an unknown type like any other", async () => {
      await storage().appendEvents([future, known]);
      expect(await storage().getEvents({ eventType: "audit_paused" })).toEqual([future]);
    });

    it("lets replay skip unknown types without counting them", async () => {
      await storage().appendEvents([future, known]);
      const seen: string[] = [];
      const count = await new EventEmitter({ storage: storage() }).replay("f", (event) => {
        seen.push(event.type);
      });
      expect(count).toBe(1);
      expect(seen).toEqual(["phase_started"]);
    });
  });
}
