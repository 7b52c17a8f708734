import { createRequire } from "node:module";
import type { ExportTraceServiceRequest } from "../src/index.js";

/**
 * The OTLP protocol's own definitions: opentelemetry-proto compiled by protobufjs, as
 * @opentelemetry/otlp-transformer 0.217 ships them (its last release with them, and for Node 20).
 */
interface ProtoType {
  fromObject(object: unknown): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}
const require = createRequire(import.meta.url);
const root = require("@opentelemetry/otlp-transformer/build/src/generated/root.js");
const Request: ProtoType = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

const ID_FIELDS = new Set(["traceId", "spanId", "parentSpanId"]);

/** OTLP/JSON's hex ids as the bytes protobuf's own JSON mapping expects (the one place they differ). */
function toProtoObject(value: unknown, key = ""): unknown {
  if (ID_FIELDS.has(key) && typeof value === "string") return Buffer.from(value, "hex");
  if (Array.isArray(value)) return value.map((item) => toProtoObject(item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toProtoObject(v, k)]));
  }
  return value;
}

/** Byte ids back to hex, 64-bit integers as decimal strings. */
function fromProtoObject(value: unknown, key = ""): unknown {
  if (ID_FIELDS.has(key) && value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  if (Array.isArray(value)) return value.map((item) => fromProtoObject(item));
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromProtoObject(v, k)]));
  }
  return value;
}

/**
 * `request` encoded to protobuf binary with the protocol's definitions and decoded back, as
 * OTLP/JSON. Every field the request has must come back equal: a misnamed field (which
 * `fromObject` would drop), a wrong type or an id of the wrong length shows as a difference.
 */
export function throughProtobuf(request: ExportTraceServiceRequest): unknown {
  const message = Request.fromObject(toProtoObject(request));
  const bytes = Request.encode(message).finish();
  return fromProtoObject(
    Request.toObject(Request.decode(bytes), { longs: String, enums: Number, defaults: false }),
  );
}

/**
 * `request` without the fields protobuf leaves out when they hold their default (0, "", []),
 * to compare with {@link throughProtobuf}. An attribute's value is a `oneof`, whose member is
 * kept even when it is the default (`intValue: "0"`).
 */
export function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "value") out[k] = v;
      else if (v === 0 || v === "" || (Array.isArray(v) && v.length === 0)) continue;
      else out[k] = withoutDefaults(v);
    }
    return out;
  }
  return value;
}
