import {
  type EventType,
  type JsonObject,
  type JsonValue,
  PAYLOAD_FIELDS,
} from "@phaser/events-core";
import { isPlainObject } from "@phaser/events-core/store-kit";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";

/** The rule of any payload field in core's table, and so the kinds a field can be. */
type AnyFieldRule = {
  [T in EventType]: (typeof PAYLOAD_FIELDS)[T][keyof (typeof PAYLOAD_FIELDS)[T]];
}[EventType];
type FieldKind = AnyFieldRule["kind"];

/**
 * Keys refused in a payload: assigned to a plain object, `__proto__` would
 * set its prototype (or be dropped), and the other two shadow what every
 * object inherits. None is a spec field.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** A JSON number, as written in JSON (`6`, `-1`, `1.5`, `2e3`): no hex, no `+`, no blanks. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The kind core's payload table (`PAYLOAD_FIELDS`) gives `field` of `type`;
 * `undefined` for a field the table does not name (an extra field).
 */
export function fieldKind(type: EventType, field: string): FieldKind | undefined {
  const fields: Readonly<Record<string, AnyFieldRule>> = PAYLOAD_FIELDS[type];
  return Object.hasOwn(fields, field) ? fields[field]?.kind : undefined;
}

/**
 * Reads one `key=value` value by the kind of its field: a number for the
 * table's numeric fields (written as JSON writes numbers), else the text
 * exactly as given, whatever it looks like (`2`, `null`, `{"a":1}`,
 * `"quoted"`). Extra fields, which the table does not know, are text too:
 * `--data` takes JSON. Returns `undefined` when a numeric field's text is not
 * a finite number.
 */
export function parseAssignedValue(
  kind: FieldKind | undefined,
  text: string,
): JsonValue | undefined {
  if (kind === undefined || typeof kind !== "string") return text;
  switch (kind) {
    case "text":
    case "path":
    case "output":
      return text;
    case "count":
    case "seconds":
    case "attempts":
    case "exit_zero":
    case "exit_nonzero": {
      const value = Number(text);
      return JSON_NUMBER.test(text) && Number.isFinite(value) ? value : undefined;
    }
    default:
      return unhandledKind(kind);
  }
}

/** A kind core added that this parser does not know yet: a compile error here, a crash at run time. */
function unhandledKind(kind: never): never {
  throw new Error(`emit cannot read a key=value for field kind ${JSON.stringify(kind)}`);
}

/**
 * Parses `key=value` arguments into a payload of `type`. The key is
 * everything before the first `=`, the value everything after it, read by
 * {@link parseAssignedValue}. An argument without `=`, an empty key, a key
 * given twice, a reserved key (`__proto__`, `constructor`, `prototype`) or a
 * numeric field that is not a number is a usage error (exit code 2) that
 * names the argument and the field.
 */
export function parseAssignments(type: EventType, args: readonly string[]): JsonObject {
  const data: Record<string, JsonValue> = {};
  const seen = new Set<string>();
  args.forEach((arg, position) => {
    const at = arg.indexOf("=");
    const where = `argument ${position + 1} (${JSON.stringify(arg)})`;
    if (at === -1) throw usage(`${where} is not key=value`);
    const key = arg.slice(0, at);
    if (key === "") throw usage(`${where} has an empty key`);
    if (RESERVED_KEYS.has(key)) throw usage(`${where}: ${reserved(key)}`);
    if (seen.has(key)) throw usage(`${where}: data.${key} is given more than once`);
    seen.add(key);
    const value = parseAssignedValue(fieldKind(type, key), arg.slice(at + 1));
    if (value === undefined) {
      throw usage(`${where}: data.${key} must be a number for ${type} events`);
    }
    data[key] = value;
  });
  return data;
}

/** Parses `--data`: a JSON object; anything else, or a reserved key, is a usage error naming the option. */
export function parseDataOption(text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usage(`--data is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(value)) throw usage('--data must be a JSON object, e.g. \'{"project":"X"}\'');
  const key = Object.keys(value).find((name) => RESERVED_KEYS.has(name));
  if (key !== undefined) throw usage(`--data: ${reserved(key)}`);
  return value as JsonObject;
}

function reserved(key: string): string {
  return `data.${key} is refused: __proto__, constructor and prototype cannot be payload fields`;
}

function usage(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}
