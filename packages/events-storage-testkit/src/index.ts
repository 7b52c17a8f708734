export type {
  ConformanceOptions,
  RetentionStorageFactory,
  RetentionStorageOptions,
  StorageFactory,
  StorageReopener,
  SuiteContext,
  TestApi,
} from "./context.js";
export { at, BASE_TIME, makeRecord, uuid } from "./fixtures.js";
export { runStorageConformance } from "./run-storage-conformance.js";
