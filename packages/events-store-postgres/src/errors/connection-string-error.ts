import { hasErrorCode } from "@phaser/events-core";

export const POSTGRES_CONNECTION_STRING = "POSTGRES_CONNECTION_STRING" as const;

/**
 * A connection string the store refuses before connecting: a scheme other
 * than `postgres://` or `postgresql://`, a password that must be
 * percent-encoded, a key=value string with an unknown keyword. The message
 * names the part at fault (the scheme, the keyword), never the string or its
 * password. A `TypeError`: the argument is wrong, the database was not asked.
 */
export class PostgresConnectionStringError extends TypeError {
  override readonly name = "PostgresConnectionStringError";
  readonly code = POSTGRES_CONNECTION_STRING;
  /** The scheme given, with its colon (`postgress:`), when that is what is wrong. */
  readonly scheme: string | undefined;

  constructor(problem: string, scheme?: string) {
    super(`Invalid PostgreSQL connection string: ${problem}`);
    this.scheme = scheme;
  }
}

/** True for a {@link PostgresConnectionStringError}, from any copy of this package. */
export function isPostgresConnectionStringError(
  error: unknown,
): error is PostgresConnectionStringError {
  return hasErrorCode(error, POSTGRES_CONNECTION_STRING);
}
