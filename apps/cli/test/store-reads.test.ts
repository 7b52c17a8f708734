import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LATEST_AUDIT, MIN_AUDIT_ID_PREFIX } from "@phaser/events-analysis";
import type { EventQuery, EventRecord, EventStorage, ListAuditsOptions } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastEvents } from "../src/store/last-events.js";
import { ensureStoreUsable } from "../src/store/open-check.js";
import { LATEST, MIN_PREFIX, resolveAuditId } from "../src/store/resolve-audit.js";

const dir = mkdtempSync(join(tmpdir(), "phaser-cli-reads-"));
let store: JsonFileStorage;
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
let n = 0;
const record = (audit: string, type: string, s: number): EventRecord => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  type,
  timestamp: at(s),
  audit_id: audit,
  phase: type.startsWith("audit_") ? null : 1,
  data: type === "audit_started" ? { project: "p", slug: audit, phases_total: 1 } : {},
});

/**
 * The store the CLI is given, recording every read it is asked for: what is
 * under test is which reads the CLI makes (the store itself is real).
 */
function recording(inner: EventStorage, withListAudits = true) {
  const reads: { getEvents: EventQuery[]; listAudits: ListAuditsOptions[]; opens: number } = {
    getEvents: [],
    listAudits: [],
    opens: 0,
  };
  const storage: EventStorage = {
    appendEvent: (r) => inner.appendEvent(r),
    appendEvents: (r) => inner.appendEvents(r),
    clearEvents: (o) => inner.clearEvents(o),
    getEvents: (query = {}) => {
      reads.getEvents.push(query);
      return inner.getEvents(query);
    },
    ...(withListAudits && {
      listAudits: (options: ListAuditsOptions = {}) => {
        reads.listAudits.push(options);
        return inner.listAudits?.(options) ?? Promise.resolve([]);
      },
      open: () => {
        reads.opens++;
        return inner.open?.() ?? Promise.resolve();
      },
    }),
  };
  return { storage, reads };
}

/** True when no read asked for every matching event (a read without a limit). */
const bounded = (queries: EventQuery[]) => queries.every((q) => q.limit !== undefined);

beforeAll(async () => {
  store = new JsonFileStorage({ dir });
  await store.appendEvents([
    record("aaaa1111-first", "audit_started", 1),
    record("aaaa1111-first", "phase_started", 2),
    record("aaaa2222-second", "audit_started", 3),
    record("bbbb3333-third", "audit_started", 4),
    record("bbbb3333-third", "phase_started", 5),
    record("cccc-no-start", "phase_started", 6),
  ]);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the CLI's audit ids", () => {
  it("follow the rule the web view applies (matchAuditId): latest, and prefixes of 4 or more", () => {
    expect([LATEST, MIN_PREFIX]).toEqual([LATEST_AUDIT, MIN_AUDIT_ID_PREFIX]);
  });
});

describe("the CLI's reads do not scan the whole log", () => {
  it("`latest` reads one record, latest first", async () => {
    const { storage, reads } = recording(store);
    expect(await resolveAuditId(storage, "latest", dir)).toBe("bbbb3333-third");
    expect(reads.getEvents).toEqual([{ eventType: "audit_started", order: "desc", limit: 1 }]);
  });

  it("an id prefix is resolved through listAudits, with a limit", async () => {
    const { storage, reads } = recording(store);
    expect(await resolveAuditId(storage, "bbbb", dir)).toBe("bbbb3333-third");
    expect(reads.listAudits).toEqual([{ prefix: "bbbb", limit: 6 }]);
    expect(bounded(reads.getEvents)).toBe(true);
    await expect(resolveAuditId(storage, "aaaa", dir)).rejects.toThrow(
      /ambiguous.*aaaa2222-second, aaaa1111-first/,
    );
  });

  it("falls back to reading events for a store without listAudits, with the same answers", async () => {
    const { storage } = recording(store, false);
    expect(await resolveAuditId(storage, "bbbb", dir)).toBe("bbbb3333-third");
    await expect(resolveAuditId(storage, "aaaa", dir)).rejects.toThrow(/ambiguous/);
  });

  it("`tail -n` reads the last n, latest first, and prints them oldest first", async () => {
    const { storage, reads } = recording(store);
    const last = await lastEvents(storage, undefined, 2);
    expect(last.map((r) => r.timestamp)).toEqual([at(5), at(6)]);
    expect(reads.getEvents).toEqual([{ auditId: undefined, order: "desc", limit: 2 }]);
    expect(await lastEvents(storage, "aaaa1111-first", 0)).toEqual([]);
    expect(reads.getEvents).toHaveLength(1);
  });

  it("checks a store with open() before work, or with a one-event read when it has none", async () => {
    const withOpen = recording(store);
    await ensureStoreUsable(withOpen.storage);
    expect(withOpen.reads.opens).toBe(1);
    expect(withOpen.reads.getEvents).toEqual([]);
    const without = recording(store, false);
    await ensureStoreUsable(without.storage);
    expect(without.reads.getEvents).toEqual([{ limit: 1 }]);
  });
});
