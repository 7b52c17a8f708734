import { isStorageError, StorageError } from "@phaser/events-core";
import { type ConnectionFailure, PostgresConnectionError } from "./errors/connection-error.js";
import { scrubSecret } from "./redact.js";

/** Where the store connects, for messages: never holds more than the password to scrub. */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number | undefined;
  readonly database: string;
  readonly user: string | undefined;
  /** Only to remove it from driver messages; never printed. */
  readonly password: string | undefined;
}

const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** Which connection failure a driver error is, if it is one. */
export function connectionFailure(error: unknown): ConnectionFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ECONNREFUSED" || code === "ENOENT" || code === "57P03") return "refused";
  if (code === "28P01" || code === "28000") return "authentication";
  if (code === "3D000") return "missing-database";
  if (typeof code === "string" && NETWORK_CODES.has(code)) return "unreachable";
  return undefined;
}

const WHAT: Record<ConnectionFailure, string> = {
  refused: "the server refused the connection (is it running?)",
  authentication: "the server rejected the credentials",
  "missing-database": "the database does not exist",
  unreachable: "the server could not be reached",
};

/**
 * Turns a driver error into a `StorageError` (`store: "postgres"`), or a
 * {@link PostgresConnectionError} for refused connections, rejected
 * credentials and missing databases. The password is removed from every
 * message, the cause's included; the cause is a plain copy of the driver's
 * error (message, code) rather than the error itself, whose fields may hold
 * the connection settings.
 */
export function wrapPgError(error: unknown, doing: string, target: ConnectionTarget): StorageError {
  if (isStorageError(error)) return error;
  // Every part of the message is scrubbed: a malformed URL can leave the password in another field.
  const clean = (text: string) => scrubSecret(text, target.password);
  const where = clean(`${target.host}${target.port === undefined ? "" : `:${target.port}`}`);
  const database = clean(target.database);
  const cause = sanitize(error, target.password);
  const failure = connectionFailure(error);
  if (failure !== undefined) {
    const who = target.user === undefined ? "" : ` as user "${clean(target.user)}"`;
    return new PostgresConnectionError(
      `Cannot ${doing}: ${WHAT[failure]}: PostgreSQL at ${where}, database "${database}"${who}: ${cause.message}`,
      { reason: failure, host: where, database, cause },
    );
  }
  return new StorageError(
    `Cannot ${doing} (PostgreSQL at ${where}, database "${database}"): ${cause.message}`,
    { store: "postgres", path: `${where}/${database}`, cause },
  );
}

/** A copy of a driver error with only its message and code, the password scrubbed. */
function sanitize(error: unknown, password: string | undefined): Error & { code?: string } {
  const message = scrubSecret(error instanceof Error ? error.message : String(error), password);
  const copy: Error & { code?: string } = new Error(message);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") copy.code = code;
  if (error instanceof Error && error.stack !== undefined) {
    copy.stack = scrubSecret(error.stack, password);
  }
  return copy;
}
