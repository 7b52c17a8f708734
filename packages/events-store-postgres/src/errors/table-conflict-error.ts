import { hasErrorCode, StorageError } from "@phaser/events-core";

export const POSTGRES_TABLE_CONFLICT = "POSTGRES_TABLE_CONFLICT" as const;

/**
 * A name the store needs (its events table, its migrations table or one of
 * its indexes) is taken by a relation that is not the store's own. Nothing
 * was created or changed. Pick another `table` (or `schema`). A
 * `StorageError` with `store: "postgres"`.
 */
export class PostgresTableConflictError extends StorageError<typeof POSTGRES_TABLE_CONFLICT> {
  override readonly name = "PostgresTableConflictError";
  override readonly code = POSTGRES_TABLE_CONFLICT;
  /** The relation in the way, quoted and qualified: `"public"."phaser_events_migrations"`. */
  readonly relation: string;

  constructor(relation: string, why: string) {
    super(
      `${relation} already exists and is not this store's own (${why}); nothing was changed. Give the store another name with the \`table\` option (its migrations table is \`<table>_migrations\`), or another \`schema\`.`,
      { store: "postgres", path: relation },
    );
    this.relation = relation;
  }
}

/** True for a {@link PostgresTableConflictError}, from any copy of this package. */
export function isPostgresTableConflictError(error: unknown): error is PostgresTableConflictError {
  return hasErrorCode(error, POSTGRES_TABLE_CONFLICT);
}
