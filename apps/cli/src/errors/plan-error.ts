import { EXIT_USAGE } from "./cli-error.js";

export const PLAN_ERROR = "PLAN_ERROR" as const;

/** An audit plan that cannot be read or is not valid: names the plan's path and the field. */
export class PlanError extends Error {
  override readonly name = "PlanError";
  readonly code = PLAN_ERROR;
  readonly exitCode = EXIT_USAGE;
  /** The plan file's path. */
  readonly path: string;
  /** The offending field, e.g. `phases[1].verify[0]`; empty for the file as a whole. */
  readonly field: string;

  constructor(path: string, field: string, problem: string) {
    super(`invalid plan ${path}${field === "" ? "" : ` at ${field}`}: ${problem}`);
    this.path = path;
    this.field = field;
  }
}

export function isPlanError(error: unknown): error is PlanError {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === PLAN_ERROR
  );
}
