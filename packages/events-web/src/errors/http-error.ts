import { hasErrorCode } from "@phaser/events-core";

/** The codes an {@link HttpError} carries, with the status each answers with. */
export const HTTP_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN_HOST: 403,
  FORBIDDEN_ORIGIN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  AMBIGUOUS_AUDIT_ID: 409,
  STORAGE_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERROR_STATUS;

/**
 * A request the server refuses or cannot answer: sent as
 * `{ error: { code, message, ...details } }` with the status of its code.
 */
export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly status: number;
  /** Extra fields of the JSON error (e.g. `candidates` of an ambiguous id). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: HttpErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "HttpError";
    this.code = code;
    this.status = HTTP_ERROR_STATUS[code];
    this.details = details;
  }
}

/** True for an {@link HttpError}, even from another copy of this package. */
export function isHttpError(error: unknown): error is HttpError {
  return (
    error instanceof Error &&
    error.name === "HttpError" &&
    hasErrorCode(error) &&
    Object.hasOwn(HTTP_ERROR_STATUS, error.code)
  );
}
