/**
 * Nanoseconds since the epoch of an ISO 8601 timestamp, as a bigint, keeping the sub-millisecond
 * digits stores keep (`2025-12-05T10:15:32.123956+00:00` is …123956000 ns); `undefined` when it
 * does not parse.
 */
export function unixNano(timestamp: string): bigint | undefined {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(timestamp);
  if (match !== null) {
    const [, base, fraction = "", zone = ""] = match as unknown as [
      string,
      string,
      string?,
      string?,
    ];
    const seconds = Date.parse(`${base}${zone}`);
    if (Number.isFinite(seconds)) {
      return BigInt(seconds) * 1_000_000n + BigInt(fraction.slice(0, 9).padEnd(9, "0"));
    }
  }
  const ms = Date.parse(timestamp);
  return Number.isFinite(ms) ? BigInt(Math.round(ms * 1_000_000)) : undefined;
}

/** `value` kept within `[low, high]`. */
export function clamp(value: bigint, low: bigint, high: bigint): bigint {
  return value < low ? low : value > high ? high : value;
}

/** The later of two instants (`Math.max` takes no bigint). */
export function later(a: bigint, b: bigint): bigint {
  return a < b ? b : a;
}

/** A span's time bounds, in nanoseconds since the epoch. */
export interface Bounds {
  readonly start: bigint;
  readonly end: bigint;
}
