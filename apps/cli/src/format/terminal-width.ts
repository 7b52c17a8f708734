import { type CliStream, cliIo } from "../io/cli-io.js";

/** A stream's columns when it is a terminal that says; `undefined` for a pipe or a file. */
export function terminalColumns(stream: CliStream): number | undefined {
  return stream.isTTY === true && stream.columns !== undefined && stream.columns > 0
    ? stream.columns
    : undefined;
}

/** Stdout's columns when it is a terminal that says; `undefined` for a pipe or a file (lines are not cut). */
export function stdoutColumns(): number | undefined {
  return terminalColumns(cliIo().stdout);
}
