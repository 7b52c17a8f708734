import { makeRecord } from "@phaser/events-storage-testkit";
import { MemoryStorage } from "@phaser/events-store-memory";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStorage, SCHEMA_VERSION } from "../src/index.js";
import { freshDatabase, freshStorage, noServer, uniqueName } from "./helpers.js";

describe.skipIf(noServer)("PostgresStorage beyond the conformance suite", () => {
  let url = "";
  let admin: pg.Pool;
  const stores: PostgresStorage[] = [];
  const store = () => {
    const storage = freshStorage(url);
    stores.push(storage);
    return storage;
  };
  beforeAll(async () => {
    url = await freshDatabase("store");
    admin = new pg.Pool({ connectionString: url });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await admin.end();
  });

  it("keeps original timestamp strings and orders by instant exactly like the memory store", async () => {
    const stamps = [
      "2025-12-05T10:15:30.123456+00:00",
      "2025-12-05T10:15:30.123Z",
      "2025-12-05T10:15:30.1234Z",
      "2025-12-05T10:15:30.123-00:00",
      "2025-12-05T10:15:30Z",
      "2025-12-05T10:15:29.999999999Z",
      "2025-12-05T10:15:30.1234567+00:00",
      "0099-01-01T00:00:00.000Z",
      "9999-12-31T23:59:59.999Z",
    ];
    const records = stamps.map((timestamp, n) => makeRecord({ timestamp, data: { n } }));
    const pgStore = store();
    const memory = new MemoryStorage();
    await pgStore.appendEvents(records);
    await memory.appendEvents(records);
    const fromPg = await pgStore.getEvents();
    expect(fromPg).toEqual(await memory.getEvents());
    expect(fromPg.map((r) => r.timestamp).sort()).toEqual([...stamps].sort());
    for (const since of ["2025-12-05T10:15:30.123Z", "2025-12-05T11:15:30.1234+01:00"]) {
      expect(await pgStore.getEvents({ since })).toEqual(await memory.getEvents({ since }));
      expect(await pgStore.getEvents({ until: since })).toEqual(
        await memory.getEvents({ until: since }),
      );
    }
  });

  it("stores a re-sent id once: a retry after a lost acknowledgement never doubles an event", async () => {
    const storage = store();
    const [a, b, c] = [makeRecord(), makeRecord(), makeRecord()];
    await storage.appendEvents([a, b] as never);
    await storage.appendEvents([a, b, c] as never);
    await storage.appendEvent(a as never);
    expect(await storage.getEvents()).toEqual([a, b, c]);
  });

  it("records each migration once, with when it was applied; migrate() again changes nothing", async () => {
    const storage = store();
    await storage.migrate();
    await storage.migrate();
    await new PostgresStorage({ connectionString: url, schema: storage.schema }).migrate();
    const rows = await admin.query(
      `SELECT version, applied_at FROM "${storage.schema}".phaser_events_migrations`,
    );
    expect(rows.rows.map((r) => r.version)).toEqual([SCHEMA_VERSION]);
    expect(rows.rows[0].applied_at).toBeInstanceOf(Date);
  });

  it("uses a custom table name, and a schema it creates", async () => {
    const schema = uniqueName("custom");
    const storage = new PostgresStorage({ connectionString: url, schema, table: "audit_log" });
    stores.push(storage);
    await storage.appendEvent(makeRecord());
    const count = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".audit_log`);
    expect(count.rows[0].n).toBe(1);
  });

  it("leaves a pool it was given open on close(), and ends one it created", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const schema = uniqueName("pool");
    const borrowed = new PostgresStorage({ pool, schema });
    await borrowed.appendEvent(makeRecord());
    await borrowed.close();
    expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
    await pool.end();

    const owned = new PostgresStorage({ connectionString: url, schema });
    expect(await owned.getEvents()).toHaveLength(1);
    await owned.close();
    await owned.close(); // a second close is harmless
    await expect(owned.getEvents()).rejects.toThrow(/pool/i);
  });

  it("stops its watches on close()", async () => {
    const storage = freshStorage(url);
    const seen: string[] = [];
    storage.watch((record) => {
      seen.push(record.id);
    });
    await storage.close();
    const other = new PostgresStorage({ connectionString: url, schema: storage.schema });
    stores.push(other);
    const witness: string[] = [];
    let delivered: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    other.watch((record) => {
      witness.push(record.id);
      delivered();
    });
    await other.appendEvent(makeRecord());
    await arrived;
    expect(witness).toHaveLength(1);
    expect(seen).toEqual([]);
  });

  it("stores nothing when a record of a batch cannot be stored by the database", async () => {
    const storage = store();
    await storage.migrate();
    // A constraint of the database's own refuses one record: the whole batch must fail.
    await admin.query(
      `ALTER TABLE "${storage.schema}".phaser_events ADD CONSTRAINT refused CHECK (audit_id <> 'refused')`,
    );
    const fine = makeRecord();
    const refused = makeRecord({ audit_id: "refused" });
    await expect(storage.appendEvents([fine, refused])).rejects.toMatchObject({
      store: "postgres",
    });
    expect(await storage.getEvents()).toEqual([]);
  });

  it("delivers to a watch a row whose notification never came, through its poll", async () => {
    const storage = freshStorage(url, 100);
    stores.push(storage);
    await storage.migrate();
    const waiting = new Map<string, () => void>();
    const arrival = (id: string) => new Promise<void>((resolve) => waiting.set(id, resolve));
    storage.watch((record) => waiting.get(record.id)?.(), { fromSeq: 0 });
    // First a notified append, so the watch is past its first read when the silent row lands.
    const witness = makeRecord();
    const witnessed = arrival(witness.id);
    await storage.appendEvent(witness);
    await witnessed;
    const record = makeRecord();
    const arrived = arrival(record.id);
    // Written behind the store's back: no NOTIFY is sent.
    await admin.query(
      `INSERT INTO "${storage.schema}".phaser_events (id, type, audit_id, phase, "timestamp", ts_key, data, record)
       VALUES ($1, $2, $3, $4, $5, 0, $6, $7)`,
      [
        record.id,
        record.type,
        record.audit_id,
        record.phase,
        record.timestamp,
        record.data,
        record,
      ],
    );
    await arrived;
  });
});
