import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTimestamp } from "../src/parse-timestamp.js";

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** Strings of the canonical shape with any digits: valid instants, 30 February, hour 24, month 13. */
const canonicalShaped = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 19 }),
    fc.integer({ min: 0, max: 39 }),
    fc.integer({ min: 0, max: 29 }),
    fc.integer({ min: 0, max: 69 }),
    fc.integer({ min: 0, max: 69 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(
    ([y, mo, d, h, mi, s, ms]) =>
      `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`,
  );

const anyInstant = fc
  .integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 })
  .map((ms) => new Date(ms).toISOString());

describe("parseTimestamp", () => {
  it("is Date.parse: on instants toISOString writes, canonical shapes of any digits, and other strings", () => {
    for (const arbitrary of [
      anyInstant,
      canonicalShaped,
      fc.string(),
      fc.string({ minLength: 24, maxLength: 24 }),
    ]) {
      fc.assert(
        fc.property(arbitrary, (text) => {
          expect(Object.is(parseTimestamp(text), Date.parse(text)), text).toBe(true);
        }),
        { numRuns: 2000 },
      );
    }
  });

  it("reads the edges: leap days, the epoch, year 0, and leaves other forms to Date.parse", () => {
    const cases = [
      ["2024-02-29T23:59:59.999Z", Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
      ["1970-01-01T00:00:00.000Z", 0],
      ["2000-02-29T00:00:00.000Z", Date.UTC(2000, 1, 29)],
      ["2025-12-05T10:15:30+02:00", Date.UTC(2025, 11, 5, 8, 15, 30)],
      ["2025-12-05T24:00:00.000Z", Date.UTC(2025, 11, 6)],
    ] as const;
    for (const [text, ms] of cases) expect(parseTimestamp(text), text).toBe(ms);
    expect(parseTimestamp("1900-02-29T00:00:00.000Z")).toBe(Date.parse("1900-02-29T00:00:00.000Z"));
    expect(parseTimestamp("2025-12-05T10:60:00.000Z")).toBeNaN();
  });
});
