import pg from "pg";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/index.js";
import { freshDatabase, noServer, uniqueName } from "../helpers.js";
import { spawnFixture } from "./helpers.js";

// 50 in CI (`.ci/run` sets PHASER_FULL_TRIALS=1), 8 in `pnpm test`.
const PROCESSES = process.env.PHASER_FULL_TRIALS === "1" ? 50 : 8;

describe.skipIf(noServer)("PostgresStorage migrations", () => {
  it(`run exactly once when ${PROCESSES} processes start at once`, async () => {
    const url = await freshDatabase("migrate");
    const schema = uniqueName("s");
    const processes = Array.from({ length: PROCESSES }, () =>
      spawnFixture("migrate.mjs", [url, schema]),
    );
    const exits = await Promise.all(processes.map((p) => p.closed));
    processes.forEach((p, n) => {
      expect(exits[n], `process ${n}: ${p.stderr()}`).toEqual({ code: 0, signal: null });
      expect(p.lines).toEqual(["migrated"]);
    });

    const pool = new pg.Pool({ connectionString: url });
    try {
      const { rows } = await pool.query<{ version: number; applied_at: Date }>(
        `SELECT version, applied_at FROM "${schema}".phaser_events_migrations ORDER BY version`,
      );
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      const tables = await pool.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = 'phaser_events'",
        [schema],
      );
      expect(tables.rows[0].n).toBe(1);
    } finally {
      await pool.end();
    }
  }, 180_000);
});
