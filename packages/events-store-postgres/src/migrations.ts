import type pg from "pg";
import { PostgresUnsupportedSchemaError } from "./errors/unsupported-schema-error.js";
import { quoteIdent, type SqlNames } from "./sql-names.js";
import { assertNamesFree, ownMigrationsTable } from "./table-ownership.js";

/** One schema version: the statements that take the previous version to this one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  statements(names: SqlNames): readonly string[];
}

/**
 * The schema, version by version. Never edit a released migration: add the
 * next version. The migrations table records each applied version once.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "create the events table",
    statements: ({ events, table }) => [
      `CREATE TABLE ${events} (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        type text COLLATE "C" NOT NULL,
        audit_id text COLLATE "C" NOT NULL,
        phase bigint,
        "timestamp" text NOT NULL,
        ts_key bigint NOT NULL,
        data jsonb NOT NULL,
        record jsonb NOT NULL
      )`,
      `COMMENT ON COLUMN ${events}.ts_key IS 'the timestamp instant, microseconds since the epoch (core timestampKey)'`,
      `COMMENT ON COLUMN ${events}.record IS 'the whole record as appended, unknown fields included'`,
      `CREATE INDEX ${quoteIdent(`${table}_ts_idx`)} ON ${events} (ts_key, seq)`,
      `CREATE INDEX ${quoteIdent(`${table}_audit_idx`)} ON ${events} (audit_id, ts_key, seq)`,
      `CREATE INDEX ${quoteIdent(`${table}_type_idx`)} ON ${events} (type, ts_key, seq)`,
    ],
  },
];

/** The version this code writes. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Brings the schema to {@link SCHEMA_VERSION}. Cheap when it is already
 * there (two queries, no lock). Otherwise takes a transaction-scoped advisory
 * lock, so that when many processes start at once exactly one applies each
 * migration and the others find it done; each migration and its row in the
 * migrations table commit together. Tables are looked up by qualified name,
 * never on the search_path, and must be the store's own: a name taken by
 * someone else's table throws `PostgresTableConflictError`, and the
 * transaction rolls back whatever it had done (the schema it created
 * included). A database newer than the code throws
 * {@link PostgresUnsupportedSchemaError}.
 */
export async function migrate(
  client: pg.ClientBase,
  names: SqlNames,
  idleInTransactionTimeoutMs = 0,
): Promise<number[]> {
  if ((await appliedVersion(client, names)) === SCHEMA_VERSION) return [];
  const applied: number[] = [];
  await client.query("BEGIN");
  try {
    // A migrator paused inside its transaction (not one working through a long statement)
    // is ended by the server, so it cannot keep every other process from starting.
    await client.query(
      `SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(idleInTransactionTimeoutMs)}`,
    );
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [names.migrateLock]);
    const schemaExists = await client.query("SELECT to_regnamespace($1) IS NOT NULL AS found", [
      quoteIdent(names.schema),
    ]);
    if (schemaExists.rows[0]?.found !== true) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(names.schema)}`);
    }
    let current = await appliedVersion(client, names);
    if (current === undefined) {
      await assertNamesFree(client, names);
      await client.query(`CREATE TABLE ${names.migrations} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
      await client.query(
        `COMMENT ON TABLE ${names.migrations} IS 'schema versions of the @phaser/events-store-postgres table ${names.events.replaceAll("'", "''")}'`,
      );
      current = 0;
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      for (const statement of migration.statements(names)) await client.query(statement);
      await client.query(`INSERT INTO ${names.migrations} (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return applied;
}

/**
 * The highest applied version (0 for none), or undefined when there is no
 * migrations table. Throws when the table is not the store's, or newer.
 */
async function appliedVersion(client: pg.ClientBase, names: SqlNames): Promise<number | undefined> {
  if (!(await ownMigrationsTable(client, names))) return undefined;
  const result = await client.query(`SELECT max(version) AS version FROM ${names.migrations}`);
  const version = result.rows[0]?.version as number | null | undefined;
  if (typeof version === "number" && version > SCHEMA_VERSION) {
    throw new PostgresUnsupportedSchemaError(names.events, version, SCHEMA_VERSION);
  }
  return version ?? 0;
}
