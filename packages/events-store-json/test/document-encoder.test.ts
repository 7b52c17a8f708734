import { makeRecord } from "@phaser/events-storage-testkit";
import { describe, expect, it } from "vitest";
import { DocumentEncoder } from "../src/document-encoder.js";
import { type Entry, type EventDocument, readEntry, recordEntry } from "../src/event-file.js";

function doc(entries: Entry[], extras: Record<string, unknown> = {}): EventDocument {
  return { version: 1, extras, entries };
}

function text(chunks: readonly Buffer[]): string {
  return Buffer.concat(chunks).toString("utf8");
}

/** What a fresh encoder writes: the reference every reused encoding must match. */
function fresh(d: EventDocument): string {
  return text(new DocumentEncoder().encode(d));
}

const entries = (n: number) => Array.from({ length: n }, () => recordEntry(makeRecord()));

describe("DocumentEncoder", () => {
  it("writes the root, then one event per line, readable as JSON", () => {
    const list = entries(2);
    const out = fresh(doc(list, { tool: "python" }));
    expect(out).toBe(
      `{\n  "version": 1,\n  "tool": "python",\n  "events": [\n    ${list[0]?.json},\n    ${list[1]?.json}\n  ]\n}\n`,
    );
    expect(JSON.parse(out).events).toEqual(list.map((e) => e.record));
    expect(fresh(doc([]))).toBe(`{\n  "version": 1,\n  "events": []\n}\n`);
  });

  it("encodes only the appended entries and reuses the bytes of the earlier ones", () => {
    const encoder = new DocumentEncoder();
    let list = entries(3);
    const first = encoder.encode(doc(list));
    list = list.concat(entries(2));
    const second = encoder.encode(doc(list));
    expect(second[0]).toBe(first[0]); // the same Buffer, not a re-encoding
    expect(second).toHaveLength(first.length + 1);
    expect(text(second)).toBe(fresh(doc(list)));
  });

  it("starts afresh after a removal, a reload or a failed write's rollback", () => {
    const encoder = new DocumentEncoder();
    const list = entries(5);
    encoder.encode(doc(list));
    const removed = list.filter((_, i) => i !== 2).concat(entries(1));
    expect(text(encoder.encode(doc(removed)))).toBe(fresh(doc(removed)));
    const reloaded = removed.map((e, i) => readEntry(JSON.parse(e.json), i));
    expect(text(encoder.encode(doc(reloaded)))).toBe(fresh(doc(reloaded)));
    // A batch that failed to write is rolled back, then other entries are appended.
    const failed = reloaded.concat(entries(2));
    encoder.encode(doc(failed));
    const retried = reloaded.concat(entries(3));
    expect(text(encoder.encode(doc(retried)))).toBe(fresh(doc(retried)));
    expect(text(encoder.encode(doc([])))).toBe(fresh(doc([])));
  });

  it("keeps the same bytes across many appends, merging its segments", () => {
    const encoder = new DocumentEncoder();
    let list: Entry[] = [];
    let chunks: Buffer[] = [];
    for (let i = 0; i < 40; i++) {
      list = list.concat(entries(1 + (i % 3)));
      chunks = encoder.encode(doc(list));
    }
    expect(chunks.length).toBeLessThanOrEqual(16 + 2);
    expect(text(chunks)).toBe(fresh(doc(list)));
  });

  it("writes malformed elements back exactly as found", () => {
    const odd = readEntry({ id: 7, nested: [1, { a: null }] }, 0);
    expect(odd.record).toBeUndefined();
    const list = [odd, ...entries(1)];
    expect(JSON.parse(fresh(doc(list))).events[0]).toEqual({ id: 7, nested: [1, { a: null }] });
  });
});
