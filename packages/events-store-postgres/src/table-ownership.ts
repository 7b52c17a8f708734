import type pg from "pg";
import { PostgresTableConflictError } from "./errors/table-conflict-error.js";
import { quoteIdent, type SqlNames } from "./sql-names.js";

/** The migrations table's columns, as `format_type` names their types. */
const MIGRATIONS_COLUMNS = ["version integer", "name text", "applied_at timestamp with time zone"];

/** What a name in the store's schema holds; a table's columns as `name type`. */
export type Relation =
  | { readonly kind: "missing" }
  | {
      readonly kind: "table";
      readonly columns: readonly string[];
      readonly names: readonly string[];
    }
  | { readonly kind: "other" };

/**
 * What `qualified` (quoted, schema included: never looked up on the
 * search_path) names: nothing, a table with these columns, or another kind of
 * relation (a view, an index, a sequence…).
 */
export async function inspectRelation(client: pg.ClientBase, qualified: string): Promise<Relation> {
  const { rows } = await client.query<{ kind: string; names: string[]; types: string[] }>(
    `SELECT c.relkind::text AS kind,
            coalesce(array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum > 0), '{}') AS names,
            coalesce(array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
                     FILTER (WHERE a.attnum > 0), '{}') AS types
     FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
     WHERE c.oid = to_regclass($1)
     GROUP BY c.relkind`,
    [qualified],
  );
  const row = rows[0];
  if (row === undefined) return { kind: "missing" };
  if (row.kind !== "r") return { kind: "other" };
  return {
    kind: "table",
    columns: row.names.map((name, i) => `${name} ${row.types[i]}`),
    names: row.names,
  };
}

/**
 * True when the migrations table exists and is the store's own: a table with
 * exactly the columns the store gives it. Throws
 * {@link PostgresTableConflictError} when the name holds anything else (a
 * user's table called `phaser_events_migrations`, say), before a query on its
 * columns fails with "column version does not exist".
 */
export async function ownMigrationsTable(client: pg.ClientBase, names: SqlNames): Promise<boolean> {
  const found = await inspectRelation(client, names.migrations);
  if (found.kind === "missing") return false;
  if (found.kind === "table" && sameColumns(found.columns, MIGRATIONS_COLUMNS)) return true;
  throw new PostgresTableConflictError(
    names.migrations,
    found.kind === "table"
      ? `its columns are (${found.names.join(", ")}), not the store's (version, name, applied_at)`
      : "it is not a table",
  );
}

/**
 * Before the first migration creates them: the events table and its indexes
 * must not exist yet. An events table without a migrations table recording
 * it is someone else's (or one whose history is lost): refused, not adopted.
 */
export async function assertNamesFree(client: pg.ClientBase, names: SqlNames): Promise<void> {
  const candidates = [
    names.events,
    ...["ts_idx", "audit_idx", "type_idx"].map(
      (suffix) => `${quoteIdent(names.schema)}.${quoteIdent(`${names.table}_${suffix}`)}`,
    ),
  ];
  for (const qualified of candidates) {
    if ((await inspectRelation(client, qualified)).kind !== "missing") {
      throw new PostgresTableConflictError(
        qualified,
        `no ${names.migrations} table records it as the store's`,
      );
    }
  }
}

function sameColumns(found: readonly string[], expected: readonly string[]): boolean {
  return found.length === expected.length && found.every((column, i) => column === expected[i]);
}
