import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PostgresStorage } from "../src/index.js";
import { freshDatabase, freshStorage, noServer } from "./helpers.js";

/**
 * PostgreSQL refuses a jsonb array whose elements total more than 256 MB, so
 * appends that share one statement must stay under it together. Four
 * concurrent appends of 90 MB each succeed alone; the first is written alone,
 * and the three that wait for it would fail together in one statement. Hundreds of megabytes through a real server: CI only
 * (vitest.config.ts leaves this file out unless PHASER_FULL_TRIALS=1, which
 * `.ci/run` sets); core's groupCommit tests cover the grouping itself in
 * `pnpm test`.
 */
const RECORD_MB = 90;

describe.skipIf(noServer)("PostgresStorage with large concurrent appends", () => {
  let url = "";
  let storage: PostgresStorage | undefined;
  beforeAll(async () => {
    url = await freshDatabase("large");
  });
  afterEach(async () => {
    await storage?.close();
  });

  it(`stores four concurrent ${RECORD_MB} MB appends that would overflow one statement together`, async () => {
    const store = freshStorage(url);
    storage = store;
    await store.open();
    const big = "x".repeat(RECORD_MB * 1024 * 1024);
    const records = [1, 2, 3, 4].map((n) => ({
      id: globalThis.crypto.randomUUID(),
      type: "phase_started",
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
      audit_id: "large",
      phase: 1,
      data: { description: big, file: `phase-${n}.md` },
    }));
    const outcomes = await Promise.allSettled(records.map((r) => store.appendEvent(r)));
    const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []));
    expect(failures).toEqual([]);
    const summary = await store.listAudits();
    expect(summary).toMatchObject([{ auditId: "large", eventCount: 4 }]);
  }, 240_000);
});
