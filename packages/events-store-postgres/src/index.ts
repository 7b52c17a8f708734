export type { AppendTimeouts } from "./append-timeouts.js";
export {
  DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  DEFAULT_LOCK_TIMEOUT_MS,
} from "./append-timeouts.js";
export type { StoreLocation } from "./connection-string.js";
export { classifyStoreLocation } from "./connection-string.js";
export type {
  ConnectionFailure,
  PostgresConnectionErrorOptions,
} from "./errors/connection-error.js";
export {
  isPostgresConnectionError,
  POSTGRES_CONNECTION_ERROR,
  PostgresConnectionError,
} from "./errors/connection-error.js";
export {
  isPostgresConnectionStringError,
  POSTGRES_CONNECTION_STRING,
  PostgresConnectionStringError,
} from "./errors/connection-string-error.js";
export {
  isPostgresLockTimeoutError,
  POSTGRES_LOCK_TIMEOUT,
  PostgresLockTimeoutError,
} from "./errors/lock-timeout-error.js";
export {
  isPostgresTableConflictError,
  POSTGRES_TABLE_CONFLICT,
  PostgresTableConflictError,
} from "./errors/table-conflict-error.js";
export {
  isPostgresUnsupportedSchemaError,
  POSTGRES_UNSUPPORTED_SCHEMA,
  PostgresUnsupportedSchemaError,
} from "./errors/unsupported-schema-error.js";
export type { Migration } from "./migrations.js";
export { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
export { PostgresStorage } from "./postgres-storage.js";
export { redactConnectionString } from "./redact.js";
export type {
  ConnectionStringOptions,
  PoolOptions,
  PostgresStorageOptions,
} from "./storage-options.js";
export { ESCAPE_MARK } from "./text-encoding.js";
