/**
 * `@phaser/events-core/zod`: the payload rules as zod schemas, for callers who compose zod
 * schemas of their own. A separate entry so that core itself never loads zod: importing it
 * took a third of the time a process spends starting core (about 100 ms), for schemas core
 * does not use. zod is an optional peer dependency: the schemas are built with the caller's zod.
 */
import * as z from "zod";
import type { EventType } from "./event-type.js";
import { describeKind, type FieldKind, hasKind, PAYLOAD_FIELDS } from "./payload-fields.js";

/**
 * zod schemas of each payload, made from `PAYLOAD_FIELDS` for callers who
 * compose zod schemas of their own (core validates with the table itself).
 * `payloadSchemas[type]` reads like a stored record is read: a present field
 * must be of its kind, absent and extra fields are fine. `emitPayloadSchemas`
 * also requires the required fields, like `emit`.
 */
export const payloadSchemas: Readonly<Record<EventType, z.ZodType>> =
  /* @__PURE__ */ schemas(false);

/** Like {@link payloadSchemas}, but the required fields must be present, as `emit` requires. */
export const emitPayloadSchemas: Readonly<Record<EventType, z.ZodType>> =
  /* @__PURE__ */ schemas(true);

function schemas(requireFields: boolean): Readonly<Record<EventType, z.ZodType>> {
  const out: Partial<Record<EventType, z.ZodType>> = {};
  for (const [type, fields] of Object.entries(PAYLOAD_FIELDS)) {
    const shape: Record<string, z.ZodType> = {};
    for (const [name, rule] of Object.entries(fields)) {
      const field = fieldSchema(rule.kind);
      shape[name] = requireFields && rule.required ? field : field.optional();
    }
    out[type as EventType] = z.looseObject(shape);
  }
  return Object.freeze(out as Record<EventType, z.ZodType>);
}

/** The table's own check, as a zod schema: one rule, two forms. */
function fieldSchema(kind: FieldKind): z.ZodType {
  return z.unknown().refine((value) => hasKind(kind, value), describeKind(kind));
}
