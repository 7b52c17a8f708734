import { isStorageError } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_LOCK_TIMEOUT_MS,
  isPostgresLockTimeoutError,
  POSTGRES_LOCK_TIMEOUT,
  PostgresStorage,
} from "../src/index.js";
import { sqlNames } from "../src/sql-names.js";
import { freshDatabase, noServer, uniqueName } from "./helpers.js";

describe("append timeout options", () => {
  const url = "postgres://nobody:pw@127.0.0.1:1/none";
  it("are checked when the store is built, naming the option", () => {
    expect(() => new PostgresStorage({ connectionString: url, lockTimeoutMs: -1 })).toThrow(
      RangeError,
    );
    expect(() => new PostgresStorage({ connectionString: url, lockTimeoutMs: 1.5 })).toThrow(
      /lockTimeoutMs/,
    );
    expect(
      () => new PostgresStorage({ connectionString: url, lockTimeoutMs: "5" as unknown as number }),
    ).toThrow(TypeError);
    expect(
      () => new PostgresStorage({ connectionString: url, idleInTransactionTimeoutMs: 2 ** 31 }),
    ).toThrow(/idleInTransactionTimeoutMs/);
    expect(DEFAULT_LOCK_TIMEOUT_MS).toBe(30_000);
  });
});

describe.skipIf(noServer)("an append facing a stalled writer", () => {
  let url = "";
  const stores: PostgresStorage[] = [];
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    url = await freshDatabase("stall");
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(pools.map((p) => p.end()));
  });
  const store = (schema: string, options: { lockTimeoutMs?: number; pool?: pg.Pool } = {}) => {
    const storage =
      options.pool === undefined
        ? new PostgresStorage({
            connectionString: url,
            schema,
            lockTimeoutMs: options.lockTimeoutMs,
          })
        : new PostgresStorage({ pool: options.pool, schema, idleInTransactionTimeoutMs: 300 });
    stores.push(storage);
    return storage;
  };

  /**
   * A pool whose connections hold back the first statement starting with
   * `prefix` until `release()`: a process stalled inside its transaction,
   * alive, its session idle. `stalled` resolves when that statement is reached.
   */
  const stallingPool = (prefix: string) => {
    let reached: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pool = new pg.Pool({ connectionString: url });
    pool.on("error", () => undefined);
    pools.push(pool);
    pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
        if (typeof args[0] === "string" && args[0].startsWith(prefix)) {
          reached();
          return released.then(() => query(...args));
        }
        return query(...args);
      };
    });
    return { pool, stalled, release };
  };

  it("gives up after lockTimeoutMs with a typed error, stores nothing, and works once the lock is free", async () => {
    const schema = uniqueName("s");
    const storage = store(schema, { lockTimeoutMs: 200 });
    await storage.migrate();
    // Another session takes the table's append lock and sits on it.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock($1::bigint)", [
        sqlNames(schema, "phaser_events").appendLock,
      ]);
      const batch = [makeRecord(), makeRecord()];
      const error = await storage.appendEvents(batch).catch((e: unknown) => e);
      expect(isPostgresLockTimeoutError(error)).toBe(true);
      expect(isStorageError(error)).toBe(true);
      expect(error).toMatchObject({
        code: POSTGRES_LOCK_TIMEOUT,
        store: "postgres",
        waitedMs: 200,
        table: `"${schema}"."phaser_events"`,
      });
      expect((error as Error).message).toMatch(/200 ms.*nothing of the batch was stored/);
      expect(await storage.getEvents()).toEqual([]);

      await holder.query("ROLLBACK");
      await storage.appendEvents(batch);
      expect(await storage.getEvents()).toEqual(batch);
    } finally {
      await holder.end();
    }
  });

  it("is not held forever by a writer stalled inside its transaction: the server ends that session", async () => {
    const schema = uniqueName("s");
    // The stalled writer: its connections hold back the INSERT of its append until `release`,
    // after it has taken the append lock. Its process stays alive, its session idle in a transaction.
    const { pool, stalled, release } = stallingPool(`INSERT INTO "${schema}"."phaser_events" (`);
    const stalling = store(schema, { pool });
    const patient = store(schema, { lockTimeoutMs: 30_000 });
    await patient.migrate();

    const lost = makeRecord();
    const outcome = stalling.appendEvent(lost).then(
      () => "stored",
      (error: unknown) => error,
    );
    await stalled;
    // Waits on the append lock until the server ends the stalled session (300 ms idle).
    const kept = makeRecord();
    await patient.appendEvent(kept);

    release();
    const error = await outcome;
    expect(isStorageError(error), String(error)).toBe(true);
    expect(await patient.getEvents()).toEqual([kept]);
  });

  it("is not held forever by a migrator stalled inside its transaction: the server ends that session", async () => {
    const schema = uniqueName("s");
    // The stalled migrator holds back its first statement after taking the migration lock.
    const { pool, stalled, release } = stallingPool("SELECT to_regnamespace");
    const stalling = store(schema, { pool });
    const outcome = stalling.migrate().then(
      () => "migrated",
      (error: unknown) => error,
    );
    await stalled;
    // Waits on the migration lock until the server ends the stalled session (300 ms idle).
    const patient = store(schema, { lockTimeoutMs: 30_000 });
    await patient.migrate();
    const kept = makeRecord();
    await patient.appendEvent(kept);
    release();
    expect(isStorageError(await outcome)).toBe(true);
    expect(await patient.getEvents()).toEqual([kept]);
  });
});
