import { isStorageError } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isPostgresTableConflictError,
  isPostgresUnsupportedSchemaError,
  POSTGRES_TABLE_CONFLICT,
  POSTGRES_UNSUPPORTED_SCHEMA,
  PostgresStorage,
  SCHEMA_VERSION,
} from "../src/index.js";
import { freshDatabase, noServer, uniqueName } from "./helpers.js";

describe.skipIf(noServer)("PostgresStorage and tables that are not its own", () => {
  let url = "";
  let admin: pg.Pool;
  const stores: PostgresStorage[] = [];
  const store = (schema: string, table?: string) => {
    const storage = new PostgresStorage({ connectionString: url, schema, table });
    stores.push(storage);
    return storage;
  };
  beforeAll(async () => {
    url = await freshDatabase("owner");
    admin = new pg.Pool({ connectionString: url });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await admin.end();
  });

  /** The schema's tables and their columns, to show nothing changed. */
  const snapshot = async (schema: string) =>
    (
      await admin.query(
        `SELECT table_name, string_agg(column_name, ',' ORDER BY ordinal_position) AS columns
         FROM information_schema.columns WHERE table_schema = $1 GROUP BY table_name ORDER BY table_name`,
        [schema],
      )
    ).rows;

  it("refuses, naming the table and the table option, a user's table called <table>_migrations, and changes nothing", async () => {
    const schema = uniqueName("s");
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(
      `CREATE TABLE "${schema}".phaser_events_migrations (id serial PRIMARY KEY, note text)`,
    );
    await admin.query(`INSERT INTO "${schema}".phaser_events_migrations (note) VALUES ('mine')`);
    const before = await snapshot(schema);
    const storage = store(schema);
    for (const attempt of [() => storage.migrate(), () => storage.appendEvent(makeRecord())]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(isPostgresTableConflictError(error), String(error)).toBe(true);
      expect(isStorageError(error)).toBe(true);
      expect(error).toMatchObject({
        code: POSTGRES_TABLE_CONFLICT,
        relation: `"${schema}"."phaser_events_migrations"`,
      });
      expect((error as Error).message).toMatch(
        /not this store's own.*\(id, note\).*`table` option/,
      );
    }
    expect(await snapshot(schema)).toEqual(before);
    const { rows } = await admin.query(`SELECT note FROM "${schema}".phaser_events_migrations`);
    expect(rows).toEqual([{ note: "mine" }]);

    // Another table name works beside it.
    const other = store(schema, "audit_events");
    const record = makeRecord();
    await other.appendEvent(record);
    expect(await other.getEvents()).toEqual([record]);
  });

  it("refuses an events table, a view or an index name it did not create, creating nothing", async () => {
    const schema = uniqueName("s");
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}".phaser_events (id int, payload jsonb)`);
    const error = await store(schema)
      .migrate()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ relation: `"${schema}"."phaser_events"` });
    expect(await snapshot(schema)).toEqual([
      { table_name: "phaser_events", columns: "id,payload" },
    ]);

    await admin.query(`CREATE VIEW "${schema}".mine_migrations AS SELECT 1 AS version`);
    const view = await store(schema, "mine")
      .migrate()
      .catch((e: unknown) => e);
    expect(view).toMatchObject({ relation: `"${schema}"."mine_migrations"` });
    expect((view as Error).message).toContain("it is not a table");

    await admin.query(`CREATE TABLE "${schema}".other (x int)`);
    await admin.query(`CREATE INDEX log_ts_idx ON "${schema}".other (x)`);
    const index = await store(schema, "log")
      .migrate()
      .catch((e: unknown) => e);
    expect(index).toMatchObject({ relation: `"${schema}"."log_ts_idx"` });
    expect(
      (await admin.query("SELECT to_regclass($1) AS found", [`"${schema}".log`])).rows[0].found,
    ).toBeNull();
  });

  it("is not confused by a same-named table earlier on the search_path, or a similar name", async () => {
    const schema = uniqueName("s");
    const decoy = uniqueName("decoy");
    await admin.query(`CREATE SCHEMA "${decoy}"`);
    await admin.query(`CREATE TABLE "${decoy}".phaser_events_migrations (id int, note text)`);
    await admin.query(`CREATE TABLE "${decoy}".phaser_events (id int)`);
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}"."Phaser_Events_Migrations" (id int)`);
    await admin.query(`CREATE TABLE "${schema}".phaser_events_migrations_old (id int)`);
    const storage = new PostgresStorage({
      // The decoy schema comes first on this connection's search_path.
      connectionString: `${url}?options=${encodeURIComponent(`-c search_path=${decoy},${schema}`)}`,
      schema,
    });
    stores.push(storage);
    const record = makeRecord();
    await storage.appendEvent(record);
    expect(await storage.getEvents()).toEqual([record]);
    const { rows } = await admin.query(
      `SELECT version FROM "${schema}".phaser_events_migrations ORDER BY version`,
    );
    expect(rows.map((r) => r.version)).toEqual([SCHEMA_VERSION]);
    expect(await snapshot(decoy)).toEqual([
      { table_name: "phaser_events", columns: "id" },
      { table_name: "phaser_events_migrations", columns: "id,note" },
    ]);
    const comment = await admin.query("SELECT obj_description($1::regclass) AS comment", [
      `"${schema}".phaser_events_migrations`,
    ]);
    expect(comment.rows[0].comment).toContain("@phaser/events-store-postgres");
  });

  it("refuses a table at a schema version newer than the package, with a typed error", async () => {
    const schema = uniqueName("s");
    const storage = store(schema);
    await storage.migrate();
    await admin.query(
      `INSERT INTO "${schema}".phaser_events_migrations (version, name) VALUES ($1, 'from the future')`,
      [SCHEMA_VERSION + 1],
    );
    const newer = store(schema);
    for (const attempt of [() => newer.migrate(), () => newer.getEvents()]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(isPostgresUnsupportedSchemaError(error), String(error)).toBe(true);
      expect(isStorageError(error)).toBe(true);
      expect(error).toMatchObject({
        code: POSTGRES_UNSUPPORTED_SCHEMA,
        name: "PostgresUnsupportedSchemaError",
        store: "postgres",
        found: SCHEMA_VERSION + 1,
        supported: SCHEMA_VERSION,
        table: `"${schema}"."phaser_events"`,
      });
      expect((error as Error).message).toMatch(/newer than this package supports/);
    }
  });
});
