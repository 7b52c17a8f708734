import { MAX_OUTPUT_LENGTH } from "@phaser/events-core";

/**
 * Keeps the first `max` UTF-16 code units of `output` (default
 * {@link MAX_OUTPUT_LENGTH}, 1,000), as `verification_failed.data.output`
 * requires. A surrogate pair is never split: if the cut would fall inside one,
 * it falls one code unit earlier. Output that already fits is returned as is.
 */
export function truncateOutput(output: string, max: number = MAX_OUTPUT_LENGTH): string {
  if (!Number.isInteger(max) || max < 0) {
    throw new RangeError(`truncateOutput: max must be a whole number, 0 or more (got ${max})`);
  }
  if (output.length <= max) return output;
  const end =
    isHighSurrogate(output.charCodeAt(max - 1)) && isLowSurrogate(output.charCodeAt(max))
      ? max - 1
      : max;
  return output.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
