import { InvalidArgumentError } from "commander";

/** Parses `--since`/`--until`: an ISO 8601 date or date-time, returned in canonical UTC form. */
export function parseInstant(value: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError(
      "expected an ISO 8601 date, e.g. 2025-12-05 or 2025-12-05T10:15:30.123Z.",
    );
  }
  return new Date(ms).toISOString();
}

/** Parses `--limit`: a whole number, 0 or more. */
export function parseLimit(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number, 0 or more.");
  return Number(value);
}
