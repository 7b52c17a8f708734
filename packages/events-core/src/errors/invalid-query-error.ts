import { hasErrorCode } from "./has-error-code.js";

export const INVALID_QUERY = "INVALID_QUERY" as const;

/** A query or clear option that cannot be understood (a bad date, a negative limit…). */
export class InvalidQueryError extends Error {
  override readonly name = "InvalidQueryError";
  readonly code = INVALID_QUERY;
  readonly field: string;

  constructor(field: string, message: string) {
    super(`Invalid query: ${field}: ${message}`);
    this.field = field;
  }
}

export function isInvalidQueryError(error: unknown): error is InvalidQueryError {
  return hasErrorCode(error, INVALID_QUERY);
}
