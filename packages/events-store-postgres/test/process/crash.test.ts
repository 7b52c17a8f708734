import pg from "pg";
import { describe, expect, it } from "vitest";
import { PostgresStorage } from "../../src/index.js";
import { freshDatabase, noServer, uniqueName } from "../helpers.js";
import { pollUntil, spawnFixture } from "./helpers.js";

const BATCH = 20_000;

describe.skipIf(noServer)("a writer killed in the middle of a batch", () => {
  it(`leaves none of its ${BATCH}-record batch visible`, async () => {
    const url = await freshDatabase("crash");
    const schema = uniqueName("s");
    const setup = new PostgresStorage({ connectionString: url, schema });
    await setup.migrate();
    await setup.close();
    const pool = new pg.Pool({ connectionString: url });
    const blocker = await pool.connect();
    try {
      // Hold the batch's last id in an open transaction: the writer's INSERT then
      // writes the first 19,999 rows and waits on that one, so the kill
      // deterministically lands inside the INSERT, before any COMMIT.
      const lastId = globalThis.crypto.randomUUID();
      await blocker.query("BEGIN");
      await blocker.query(
        `INSERT INTO "${schema}".phaser_events (id, type, audit_id, phase, "timestamp", ts_key, data, record)
         VALUES ($1, 'phase_started', 'blocker', 1, '2025-01-01T00:00:00.000Z', 0, '{}', '{}')`,
        [lastId],
      );
      const writer = spawnFixture("big-batch.mjs", [url, schema, String(BATCH), lastId]);
      await writer.line((line) => line === "sending");
      const backend = await pollUntil(async () => {
        const { rows } = await pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE $1 AND pid <> pg_backend_pid()`,
          [`INSERT INTO "${schema}"%`],
        );
        return rows[0]?.pid;
      }, "the writer's INSERT to wait on the held row");
      writer.child.kill("SIGKILL");
      expect((await writer.closed).signal).toBe("SIGKILL");
      expect(writer.lines).not.toContain("committed");
      await blocker.query("ROLLBACK");

      // The server notices the dead client once the INSERT ends, and aborts its transaction.
      await pollUntil(async () => {
        const { rows } = await pool.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [
          backend,
        ]);
        return rows.length === 0 ? true : undefined;
      }, "the killed writer's backend to end");
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema}".phaser_events WHERE audit_id = 'big-batch'`,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      blocker.release();
      await pool.end();
    }
  }, 120_000);
});
