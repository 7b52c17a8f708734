import { hasErrorCode } from "./has-error-code.js";

export const STORAGE_NOT_CONFIGURED = "STORAGE_NOT_CONFIGURED" as const;

/** `replay` (or another read) was called on an emitter that has no storage. */
export class StorageNotConfiguredError extends Error {
  override readonly name = "StorageNotConfiguredError";
  readonly code = STORAGE_NOT_CONFIGURED;

  constructor(action = "replay events") {
    super(`Cannot ${action} without storage configured`);
  }
}

export function isStorageNotConfiguredError(error: unknown): error is StorageNotConfiguredError {
  return hasErrorCode(error, STORAGE_NOT_CONFIGURED);
}
