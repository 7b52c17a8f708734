import { EVENT_TYPES } from "../event-type.js";
import { hasErrorCode } from "./has-error-code.js";

export const UNKNOWN_EVENT_TYPE = "UNKNOWN_EVENT_TYPE" as const;

/** An event type that is not one of the twelve this version knows. */
export class UnknownEventTypeError extends Error {
  override readonly name = "UnknownEventTypeError";
  readonly code = UNKNOWN_EVENT_TYPE;
  readonly field = "type";
  readonly type: string;

  /** `context` starts the message, e.g. `Invalid event record at index 3`. */
  constructor(type: string, context?: string) {
    const what = `Unknown event type ${JSON.stringify(type)}; expected one of ${EVENT_TYPES.join(", ")}`;
    super(context === undefined ? what : `${context}: ${what}`);
    this.type = type;
  }
}

/** Type guard that also works across two installed copies of this package. */
export function isUnknownEventTypeError(error: unknown): error is UnknownEventTypeError {
  return hasErrorCode(error, UNKNOWN_EVENT_TYPE);
}
