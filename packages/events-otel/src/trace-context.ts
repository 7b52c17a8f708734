import { isSpanId, isTraceId } from "./span-ids.js";

/** A parsed W3C `traceparent` (https://www.w3.org/TR/trace-context/#traceparent-header). */
export interface TraceParent {
  readonly traceId: string;
  /** The span id of the caller: the parent of the spans made under it. */
  readonly spanId: string;
  /** Two hex digits; `01` is sampled. */
  readonly flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * `value` (a `TRACEPARENT` environment variable or `traceparent` header) parsed, or `undefined`
 * when it is missing or invalid, as the spec says to treat it: version `ff`, all-zero ids,
 * uppercase hex, or fields of a version-00 header followed by more.
 */
export function parseTraceparent(value: string | undefined): TraceParent | undefined {
  const match = value === undefined ? null : TRACEPARENT.exec(value.trim());
  if (match === null) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (!isTraceId(traceId) || !isSpanId(spanId)) return undefined;
  return { traceId, spanId, flags };
}

/** A version-00 `traceparent` for `spanId` in trace `traceId`. */
export function formatTraceparent(traceId: string, spanId: string, flags = "01"): string {
  return `00-${traceId}-${spanId}-${flags}`;
}
