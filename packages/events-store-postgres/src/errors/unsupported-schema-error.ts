import { hasErrorCode, StorageError } from "@phaser/events-core";

export const POSTGRES_UNSUPPORTED_SCHEMA = "POSTGRES_UNSUPPORTED_SCHEMA" as const;

/**
 * The table's schema version is newer than this package knows: a newer
 * version of it migrated the table. Nothing is read or written; upgrade the
 * package. A `StorageError` with `store: "postgres"`.
 */
export class PostgresUnsupportedSchemaError extends StorageError<
  typeof POSTGRES_UNSUPPORTED_SCHEMA
> {
  override readonly name = "PostgresUnsupportedSchemaError";
  override readonly code = POSTGRES_UNSUPPORTED_SCHEMA;
  /** The events table, quoted and qualified. */
  readonly table: string;
  /** The version recorded in the migrations table. */
  readonly found: number;
  /** The newest version this package knows. */
  readonly supported: number;

  constructor(table: string, found: number, supported: number) {
    super(
      `the table ${table} is at schema version ${found}, newer than this package supports (${supported}); upgrade @phaser/events-store-postgres`,
      { store: "postgres", path: table },
    );
    this.table = table;
    this.found = found;
    this.supported = supported;
  }
}

/** True for a {@link PostgresUnsupportedSchemaError}, from any copy of this package. */
export function isPostgresUnsupportedSchemaError(
  error: unknown,
): error is PostgresUnsupportedSchemaError {
  return hasErrorCode(error, POSTGRES_UNSUPPORTED_SCHEMA);
}
