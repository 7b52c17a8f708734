export {
  CORRUPT_STORE,
  CorruptStoreError,
  isCorruptStoreError,
} from "./errors/corrupt-store-error.js";
export { isLockLostError, LOCK_LOST, LockLostError } from "./errors/lock-lost-error.js";
export { isLockTimeoutError, LOCK_TIMEOUT, LockTimeoutError } from "./errors/lock-timeout-error.js";
export {
  isRecordTooLargeError,
  RECORD_TOO_LARGE,
  RecordTooLargeError,
} from "./errors/record-too-large-error.js";
export {
  isUnsupportedFileError,
  UNSUPPORTED_FILE,
  UnsupportedFileError,
} from "./errors/unsupported-file-error.js";
export {
  isUnsupportedVersionError,
  UNSUPPORTED_VERSION,
  UnsupportedVersionError,
} from "./errors/unsupported-version-error.js";
export type {
  InspectOptions,
  LockReport,
  StoreFileInfo,
  StoreProblem,
  StoreReport,
} from "./inspect-store.js";
export { inspectJsonStore } from "./inspect-store.js";
export { JsonFileStorage } from "./json-file-storage.js";
export { MAX_RECORD_BYTES } from "./limits.js";
export type { MigrationResult } from "./migrate-file.js";
export type { Migration, MigrationRegistry } from "./migrations.js";
export { currentVersion, defaultMigrations, migrate } from "./migrations.js";
export type { ResolveStorageDirOptions } from "./resolve-storage-dir.js";
export { resolveStorageDir, STORAGE_DIR_NAME } from "./resolve-storage-dir.js";
export type { JsonFileStorageOptions, StoreWarning } from "./storage-options.js";
export { EVENTS_FILE_NAME } from "./store-files.js";
