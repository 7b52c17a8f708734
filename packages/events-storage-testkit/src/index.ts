export { runStorageConformance } from "./run-storage-conformance.js";
export { at, BASE_TIME, makeRecord, uuid } from "./fixtures.js";

export type { ConformanceOptions, StorageFactory, SuiteContext, TestApi } from "./context.js";
