export type {
  ConnectionFailure,
  PostgresConnectionErrorOptions,
} from "./errors/connection-error.js";
export {
  isPostgresConnectionError,
  POSTGRES_CONNECTION_ERROR,
  PostgresConnectionError,
} from "./errors/connection-error.js";
export type { Migration } from "./migrations.js";
export { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
export { PostgresStorage } from "./postgres-storage.js";
export { redactConnectionString } from "./redact.js";
export type {
  ConnectionStringOptions,
  PoolOptions,
  PostgresStorageOptions,
} from "./storage-options.js";
