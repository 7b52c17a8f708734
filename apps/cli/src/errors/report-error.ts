import {
  isEventValidationError,
  isInvalidQueryError,
  isStorageError,
  isStorageNotConfiguredError,
  isUnknownEventTypeError,
} from "@phaser/events-core";
import { CommanderError } from "commander";
import { printableMessage } from "../format/printable.js";
import { EXIT_FAILURE, EXIT_USAGE, isCliError } from "./cli-error.js";
import { isPlanError } from "./plan-error.js";

/**
 * Prints an error that ended a command to stderr and returns the exit code:
 * 0 after `--help`/`--version`, 2 for usage errors (commander has already
 * printed those), 1 for expected failures, printed as `phaser-events: <message>`
 * without a stack trace. Anything else is a bug and keeps its stack.
 */
export function reportError(error: unknown, print: (line: string) => void): number {
  // Messages quote stored data (paths, ids, plan fields, records): never raw to a terminal.
  const write = (text: string) => print(printableMessage(text));
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
  if (isCliError(error) || isPlanError(error)) {
    write(`phaser-events: ${error.message}`);
    return error.exitCode;
  }
  if (isInvalidQueryError(error)) {
    write(`phaser-events: ${error.message}`);
    return EXIT_USAGE;
  }
  if (
    isStorageError(error) ||
    isEventValidationError(error) ||
    isUnknownEventTypeError(error) ||
    isStorageNotConfiguredError(error)
  ) {
    write(`phaser-events: ${error.message}`);
    return EXIT_FAILURE;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  write(`phaser-events: unexpected error: ${detail}`);
  return EXIT_FAILURE;
}
