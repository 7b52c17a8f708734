import { isStorageError, StorageError } from "@phaser/events-core";

/**
 * Turns an fs error into a StorageError that names the file and keeps the
 * original as `cause`; StorageErrors (refusals, lock failures) pass through.
 */
export function wrapFsError(error: unknown, action: "read" | "write", path: string): unknown {
  if (isStorageError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageError(
    `Could not ${action} events file ${path}${code ? ` (${code})` : ""}: ${detail}`,
    { cause: error, path, store: "json" },
  );
}
