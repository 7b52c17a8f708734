/** An error that carries a stable string `code`, as every Phaser Events error does. */
export interface CodedError extends Error {
  readonly code: string;
}

/**
 * True when `error` is an object whose `code` is `code` (or, without `code`,
 * any string). Every guard of this project (`isStorageError`,
 * `isEventValidationError`, each store's guards) is built on it, so they keep
 * working when two copies of a package are installed, where `instanceof` fails.
 */
export function hasErrorCode<C extends string>(
  error: unknown,
  code?: C,
): error is CodedError & { readonly code: C } {
  if (typeof error !== "object" || error === null) return false;
  const found = (error as { code?: unknown }).code;
  return code === undefined ? typeof found === "string" : found === code;
}
