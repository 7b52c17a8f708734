export { JsonFileStorage, EVENTS_FILE_NAME } from "./json-file-storage.js";
export { resolveStorageDir, STORAGE_DIR_NAME } from "./resolve-storage-dir.js";
export { CorruptStoreError, isCorruptStoreError, CORRUPT_STORE } from "./errors/corrupt-store-error.js";
export {
  UnsupportedVersionError,
  isUnsupportedVersionError,
  UNSUPPORTED_VERSION,
} from "./errors/unsupported-version-error.js";
export { currentVersion, defaultMigrations, migrate } from "./migrations.js";

export type { JsonFileStorageOptions, StoreWarning } from "./json-file-storage.js";
export type { ResolveStorageDirOptions } from "./resolve-storage-dir.js";
export type { Migration, MigrationRegistry } from "./migrations.js";
