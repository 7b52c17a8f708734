export const CLI_ERROR = "CLI_ERROR" as const;

/** Exit code for a failure the user can act on (a missing audit, a broken store…). */
export const EXIT_FAILURE = 1;
/** Exit code for a command line that is wrong (an unknown option, a bad value…). */
export const EXIT_USAGE = 2;

/** An expected failure of a command: its message is printed without a stack trace. */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly code = CLI_ERROR;
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function isCliError(error: unknown): error is CliError {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === CLI_ERROR
  );
}
