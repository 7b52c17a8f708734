import {
  EVENT_TYPES,
  EventEmitter,
  type EventType,
  type EventValidationError,
  isEventType,
  isEventValidationError,
  isPhaseLevelEventType,
  isUnknownEventTypeError,
  type JsonObject,
  PAYLOAD_FIELDS,
  UnknownEventTypeError,
} from "@phaser/events-core";
import { type Command, InvalidArgumentError } from "commander";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";
import { formatEventLine } from "../format/event-line.js";
import { printLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { withStorage } from "../store/open-storage.js";
import { resolveAuditId } from "../store/resolve-audit.js";
import {
  type CommonOptions,
  commonOptionsOf,
  printJson,
  withCommonOptions,
} from "./common-options.js";
import { parseAssignments, parseDataOption } from "./parse-assignments.js";
import { assertRequiredFields } from "./required-payload-fields.js";

interface EmitOptions extends CommonOptions {
  readonly audit: string;
  readonly phase?: number;
  readonly data?: JsonObject;
}

/** `phaser-events emit <type> --audit ID [--phase N] [--data JSON] [key=value ...]`: one event, from a script. */
export function registerEmitCommand(program: Command): void {
  withCommonOptions(program.command("emit"))
    .addHelpText("after", HELP.emit)
    .description("record one event (payload from --data and key=value arguments) and print it")
    .argument("<type>", `event type: ${EVENT_TYPES.join(", ")}`)
    .argument(
      "[fields...]",
      "payload fields as key=value: a number for the type's numeric fields, else the text as given (JSON goes in --data)",
    )
    .requiredOption("--audit <id>", "the audit's id (`latest`: the last one started)")
    .option("--phase <n>", "phase number, 1 or more (phase-level types only)", parsePhase)
    .option("--data <json>", "payload as a JSON object; key=value arguments win", parseDataOption)
    .action(async (type: string, fields: string[], options: EmitOptions, command: Command) => {
      const eventType = checkType(type);
      const data = await cutOutputs(eventType, {
        ...options.data,
        ...parseAssignments(eventType, fields),
      });
      checkPhase(eventType, options.phase);
      await rethrowAsUsage(() => assertRequiredFields(eventType, data));
      const record = await withStorage(command, async (storage, location) => {
        const auditId = await resolveAuditId(storage, options.audit, location, { prefix: false });
        const emitter = new EventEmitter({ storage });
        const event = await rethrowAsUsage(() =>
          emitter.emit(eventType, auditId, { phase: options.phase, data }),
        );
        return event.toDict();
      });
      if (commonOptionsOf(command).json === true) printJson(record);
      else printLine(formatEventLine(record));
    });
}

/**
 * The payload with each text of an `output` field (`verification_failed`)
 * cut to its 1,000 characters by `truncateOutput`, as the helpers in code
 * store it, instead of refusing output that is too long. The helpers load
 * only then: `emit` of other types starts without them.
 */
async function cutOutputs(type: EventType, data: JsonObject): Promise<JsonObject> {
  const cut = { ...data };
  for (const [name, rule] of Object.entries(PAYLOAD_FIELDS[type])) {
    const value = cut[name];
    if (rule.kind !== "output" || typeof value !== "string") continue;
    const { truncateOutput } = await import("@phaser/events-convenience");
    cut[name] = truncateOutput(value);
  }
  return cut;
}

/** Runs `task`; validation errors (bad input, nothing stored) become usage errors (exit code 2). */
async function rethrowAsUsage<T>(task: () => T | Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (isEventValidationError(error)) throw new CliError(allIssues(error), EXIT_USAGE);
    if (isUnknownEventTypeError(error)) throw new CliError(error.message, EXIT_USAGE);
    throw error;
  }
}

/** The error's message, with every issue spelled out instead of `(and N more)`. */
function allIssues(error: EventValidationError): string {
  const rest = error.issues.slice(1).map((issue) => `; ${issue.field}: ${issue.message}`);
  return error.message.replace(/ \(and \d+ more\)$/, "") + rest.join("");
}

function checkType(type: string): EventType {
  if (isEventType(type)) return type;
  throw new CliError(new UnknownEventTypeError(type).message, EXIT_USAGE);
}

function checkPhase(type: EventType, phase: number | undefined): void {
  if (isPhaseLevelEventType(type) && phase === undefined) {
    throw new CliError(
      `Invalid ${type} event: phase: --phase N is required for ${type}`,
      EXIT_USAGE,
    );
  }
  if (!isPhaseLevelEventType(type) && phase !== undefined) {
    throw new CliError(
      `Invalid ${type} event: phase: ${type} is an audit-level event and takes no --phase`,
      EXIT_USAGE,
    );
  }
}

function parsePhase(value: string): number {
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError("expected a whole number, 1 or more.");
  }
  return Number(value);
}
