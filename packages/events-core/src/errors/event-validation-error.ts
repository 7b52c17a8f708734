import { hasErrorCode } from "./has-error-code.js";

export const EVENT_VALIDATION_ERROR = "EVENT_VALIDATION_ERROR" as const;

/** One problem found in an event or record: where (`field`) and what. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `data.phases_total` or `data.items[2]`. */
  readonly field: string;
  readonly message: string;
}

/**
 * An event, an `emit` call or a stored record broke the wire format.
 * `field` names the first offending field; `issues` lists all that were found.
 */
export class EventValidationError extends Error {
  override readonly name = "EventValidationError";
  readonly code = EVENT_VALIDATION_ERROR;
  readonly field: string;
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], context = "Invalid event") {
    const first = issues[0] ?? { field: "(root)", message: "invalid" };
    const rest = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    super(`${context}: ${first.field}: ${first.message}${rest}`);
    this.field = first.field;
    this.issues = Object.freeze([...issues]);
  }
}

/** Type guard that also works across two installed copies of this package. */
export function isEventValidationError(error: unknown): error is EventValidationError {
  return hasErrorCode(error, EVENT_VALIDATION_ERROR);
}
