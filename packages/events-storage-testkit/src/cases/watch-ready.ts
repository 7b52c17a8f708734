import type { EventRecord, WatchOptions } from "@phaser/events-core";
import type { SuiteContext } from "../context.js";
import { makeRecord } from "../fixtures.js";
import { watchFixture } from "./watch-collector.js";

/**
 * What `ready` resolves with, for stores with `watch`: the position after
 * which the watch delivers. A follower that loads a snapshot relies on it:
 * start a watch, take `(await ready).seq` as the snapshot's position, and a
 * later `fromSeq` from it must neither miss nor repeat what the watch
 * delivers. Every wait is on a delivery.
 */
export function watchReadyCases({ api, storage, watch }: SuiteContext): void {
  if (!watch) return;
  const { describe, it, expect } = api;

  describe("watch ready (its starting position)", () => {
    const fixture = watchFixture(api);
    const start = (options?: Omit<WatchOptions, "onError">, onRecord?: (r: EventRecord) => void) =>
      fixture.start(storage(), options, onRecord);

    it("resolves with a position before which nothing is delivered", async () => {
      const before = [makeRecord(), makeRecord()];
      await storage().appendEvents(before);
      const first = await start();
      const { seq } = await first.ready;
      expect(Number.isSafeInteger(seq) && seq >= 0).toBe(true);
      const later = [makeRecord(), makeRecord()];
      await storage().appendEvents(later);
      await first.until(2);
      expect(first.received.map((r) => r.record)).toEqual(later);
      for (const { seq: delivered } of first.received) expect(delivered).toBeGreaterThan(seq);

      // The stored records are exactly those at or before it.
      const all = await start({ fromSeq: 0 });
      await all.until(4);
      expect(all.received.filter((r) => r.seq <= seq).map((r) => r.record)).toEqual(before);
    });

    it("a watch from fromSeq (await ready).seq delivers exactly what the first delivers, appends racing with ready", async () => {
      await storage().appendEvent(makeRecord());
      const marker = makeRecord({ audit_id: "marker" });
      let sawMarker: () => void = () => {};
      const markerSeen = new Promise<void>((resolve) => {
        sawMarker = resolve;
      });
      const onRecord = (record: EventRecord) => {
        if (record.id === marker.id) sawMarker();
      };
      // Not awaited: appends race with the watch fixing its starting point.
      const starting = start({}, onRecord);
      const racing = [makeRecord(), makeRecord(), makeRecord()];
      for (const record of racing) await storage().appendEvent(record);
      const first = await starting;
      const position = await first.ready;
      await storage().appendEvents([makeRecord(), marker]);
      await markerSeen;

      const second = await start({ fromSeq: position.seq });
      expect((await second.ready).seq).toBe(position.seq);
      await second.until(first.received.length);
      expect(second.received).toEqual(first.received);
      // Each racing record is delivered by the watch or was in place before its position.
      const stored = await start({ fromSeq: 0 });
      await stored.until(6);
      const atOrBefore = stored.received
        .filter((r) => r.seq <= position.seq)
        .map((r) => r.record.id);
      const delivered = first.received.map((r) => r.record.id);
      for (const { id } of racing) {
        expect(atOrBefore.includes(id) !== delivered.includes(id)).toBe(true);
      }
    });
  });
}
