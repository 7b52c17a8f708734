export const INVALID_TREND = "INVALID_TREND" as const;

/** `computeTrend` options it cannot honour: a time that does not parse, or too many buckets. */
export class InvalidTrendError extends Error {
  override readonly name = "InvalidTrendError";
  readonly code = INVALID_TREND;
  /** The option at fault: `since`, `until` or `unit`. */
  readonly field: "since" | "until" | "unit";

  constructor(field: "since" | "until" | "unit", message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** True for an {@link InvalidTrendError}, even from another copy of this package. */
export function isInvalidTrendError(error: unknown): error is InvalidTrendError {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === INVALID_TREND &&
    typeof (error as { field?: unknown }).field === "string"
  );
}
