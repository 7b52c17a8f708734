import type { JsonObject, JsonValue } from "@phaser/events-core";
import { isPlainObject } from "@phaser/events-core/store-kit";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";

/**
 * Reads one `key=value` value: JSON where it parses (`6` → 6, `true`, `null`,
 * `[1,2]`, `{"a":1}`, `"quoted"`), otherwise the text as given (`hello world`).
 */
export function parseAssignedValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/**
 * Parses `key=value` arguments into a payload. The key is everything before
 * the first `=`, the value everything after it (read by
 * {@link parseAssignedValue}). A key given twice, an empty key or an argument
 * without `=` is a usage error (exit code 2) that names the argument.
 */
export function parseAssignments(args: readonly string[]): JsonObject {
  const data: Record<string, JsonValue> = {};
  const seen = new Set<string>();
  args.forEach((arg, position) => {
    const at = arg.indexOf("=");
    const where = `argument ${position + 1} (${JSON.stringify(arg)})`;
    if (at === -1) throw usage(`${where} is not key=value`);
    const key = arg.slice(0, at);
    if (key === "") throw usage(`${where} has an empty key`);
    if (seen.has(key)) throw usage(`${where}: data.${key} is given more than once`);
    seen.add(key);
    data[key] = parseAssignedValue(arg.slice(at + 1));
  });
  return data;
}

/** Parses `--data`: a JSON object; anything else is a usage error naming the option. */
export function parseDataOption(text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usage(`--data is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(value)) throw usage('--data must be a JSON object, e.g. \'{"project":"X"}\'');
  return value as JsonObject;
}

function usage(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}
