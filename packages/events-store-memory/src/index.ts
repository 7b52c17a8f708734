export type { MemoryStorageOptions } from "./memory-storage.js";
export { MemoryStorage } from "./memory-storage.js";
