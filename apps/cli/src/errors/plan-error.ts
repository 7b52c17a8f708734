import { EXIT_USAGE } from "./cli-error.js";

export const PLAN_ERROR = "PLAN_ERROR" as const;

/** An audit plan that cannot be read or is not valid: names the plan's path and the field. */
export class PlanError extends Error {
  override readonly name = "PlanError";
  readonly code = PLAN_ERROR;
  readonly exitCode = EXIT_USAGE;
  /** The plan file's path. */
  readonly path: string;
  /** The first offending field, e.g. `phases[1].verify[0]`; empty for the file as a whole. */
  readonly field: string;
  /** Every problem found, in the plan's order. */
  readonly problems: readonly { readonly field: string; readonly message: string }[];

  constructor(
    path: string,
    field: string,
    problem: string,
    more: readonly { readonly field: string; readonly message: string }[] = [],
  ) {
    const problems = [{ field, message: problem }, ...more];
    const at = (p: { field: string; message: string }) =>
      `${p.field === "" ? "" : `at ${p.field}: `}${p.message}`;
    super(
      problems.length === 1
        ? `invalid plan ${path}${field === "" ? "" : ` at ${field}`}: ${problem}`
        : `invalid plan ${path}: ${problems.length} problems\n${problems.map((p) => `  ${at(p)}`).join("\n")}`,
    );
    this.path = path;
    this.field = field;
    this.problems = problems;
  }
}

export function isPlanError(error: unknown): error is PlanError {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === PLAN_ERROR
  );
}
