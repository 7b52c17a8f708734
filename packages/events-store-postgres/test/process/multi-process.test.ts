import pg from "pg";
import { describe, expect, it } from "vitest";
import { freshDatabase, noServer, uniqueName } from "../helpers.js";
import { isUuid, occurrences, spawnFixture } from "./helpers.js";

// 8 × 500 in CI (`.ci/run` sets PHASER_FULL_TRIALS=1), 4 × 250 in `pnpm test`.
const FULL = process.env.PHASER_FULL_TRIALS === "1";
const PROCESSES = FULL ? 8 : 4;
const EMITS = FULL ? 500 : 250;

describe.skipIf(noServer)("PostgresStorage shared by concurrent processes", () => {
  it(`keeps every acknowledged event of ${PROCESSES} processes × ${EMITS} concurrent emits, once`, async () => {
    const url = await freshDatabase("multi");
    const schema = uniqueName("s");
    const writers = Array.from({ length: PROCESSES }, () =>
      spawnFixture("emit-ids.mjs", [url, schema, String(EMITS)]),
    );
    const exits = await Promise.all(writers.map((writer) => writer.closed));
    writers.forEach((writer, n) => {
      expect(exits[n], `writer ${n}: ${writer.stderr()}`).toEqual({ code: 0, signal: null });
      expect(writer.lines.filter(isUuid), `writer ${n} acknowledged`).toHaveLength(EMITS);
    });

    const pool = new pg.Pool({ connectionString: url });
    try {
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id FROM "${schema}".phaser_events ORDER BY seq`,
      );
      const counts = occurrences(rows.map((row) => row.id));
      expect(rows).toHaveLength(PROCESSES * EMITS);
      for (const [n, writer] of writers.entries()) {
        const notOnce = writer.lines.filter((id) => counts.get(id) !== 1);
        expect(notOnce, `writer ${n}: acknowledged ids missing or doubled`).toEqual([]);
      }
    } finally {
      await pool.end();
    }
  }, 120_000);
});
