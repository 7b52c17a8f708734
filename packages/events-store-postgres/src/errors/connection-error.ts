import { hasErrorCode, StorageError } from "@phaser/events-core";

export const POSTGRES_CONNECTION_ERROR = "POSTGRES_CONNECTION_ERROR" as const;

/** Why the server could not be used. */
export type ConnectionFailure = "refused" | "authentication" | "missing-database" | "unreachable";

export interface PostgresConnectionErrorOptions {
  readonly reason: ConnectionFailure;
  readonly host: string;
  readonly database: string;
  /** The driver's error, already stripped of the password. */
  readonly cause?: unknown;
}

/**
 * The store could not connect: the server refused or was unreachable, the
 * credentials were rejected, or the database does not exist. Names the host
 * and database, never the password. A `StorageError` with `store: "postgres"`.
 */
export class PostgresConnectionError extends StorageError<typeof POSTGRES_CONNECTION_ERROR> {
  override readonly name: string = "PostgresConnectionError";
  override readonly code = POSTGRES_CONNECTION_ERROR;
  readonly reason: ConnectionFailure;
  readonly host: string;
  readonly database: string;

  constructor(message: string, options: PostgresConnectionErrorOptions) {
    super(message, {
      store: "postgres",
      path: `${options.host}/${options.database}`,
      cause: options.cause,
    });
    this.reason = options.reason;
    this.host = options.host;
    this.database = options.database;
  }
}

/** True for a {@link PostgresConnectionError}, from any copy of this package. */
export function isPostgresConnectionError(error: unknown): error is PostgresConnectionError {
  return hasErrorCode(error, POSTGRES_CONNECTION_ERROR);
}
