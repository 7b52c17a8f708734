/** Stdout's columns when it is a terminal that says; `undefined` for a pipe or a file (lines are not cut). */
export function stdoutColumns(): number | undefined {
  return process.stdout.isTTY === true && process.stdout.columns > 0
    ? process.stdout.columns
    : undefined;
}
