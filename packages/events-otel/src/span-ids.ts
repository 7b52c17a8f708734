/**
 * Trace and span ids, derived from what an audit's records hold so that exporting an audit
 * twice gives the same ids, and so that `phaser-events run` can hand a command the id of the
 * span its verification will be exported as before that verification is recorded.
 */

const HEX_TRACE_ID = /^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZERO = /^0+$/;

/** Whether `value` is a valid trace id: 32 lowercase hex digits, not all zero (W3C Trace Context). */
export function isTraceId(value: unknown): value is string {
  return typeof value === "string" && HEX_TRACE_ID.test(value) && !ALL_ZERO.test(value);
}

/** Whether `value` is a valid span id: 16 lowercase hex digits, not all zero. */
export function isSpanId(value: unknown): value is string {
  return typeof value === "string" && HEX_SPAN_ID.test(value) && !ALL_ZERO.test(value);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/** 64-bit FNV-1a of `text`'s UTF-8, as 16 hex digits; never all zero. */
function hash64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return (hash === 0n ? 1n : hash).toString(16).padStart(16, "0");
}

/**
 * The trace id an audit is exported with when none was recorded: the audit id's own 128 bits
 * (a UUID without its dashes, so a trace is found by the audit id), or a hash of it when the
 * id is not a UUID.
 */
export function traceIdForAudit(auditId: string): string {
  const hex = auditId.toLowerCase().replaceAll("-", "");
  if (isTraceId(hex)) return hex;
  return hash64(`trace-hi:${auditId}`) + hash64(`trace-lo:${auditId}`);
}

/** The span id of an audit's root span. */
export function auditSpanId(auditId: string): string {
  return hash64(`audit:${auditId}`);
}

/** The span id of phase `phase` of an audit. */
export function phaseSpanId(auditId: string, phase: number): string {
  return hash64(`phase:${auditId}:${phase}`);
}

/**
 * The span id of the `attempt`-th run (1-based) of verification `command` in phase `phase`:
 * attempts are counted per command within a phase, as the records show them.
 */
export function verificationSpanId(
  auditId: string,
  phase: number,
  command: string,
  attempt: number,
): string {
  return hash64(`verification:${auditId}:${phase}:${attempt}:${command}`);
}
