import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoInstantMs } from "../src/iso-instant.js";

describe("isoInstantMs", () => {
  it("reads ISO 8601 dates and times, UTC unless they have an offset", () => {
    expect(isoInstantMs("2025-12-01")).toBe(Date.parse("2025-12-01T00:00:00Z"));
    expect(isoInstantMs("2025-12-01T10:15")).toBe(Date.parse("2025-12-01T10:15:00Z"));
    expect(isoInstantMs("2025-12-01 10:15:30.5")).toBe(Date.parse("2025-12-01T10:15:30.500Z"));
    expect(isoInstantMs("2025-12-01T12:15:30.123456+02:00")).toBe(
      Date.parse("2025-12-01T10:15:30.123Z"),
    );
    expect(isoInstantMs("2025-12-01T04:45:30-0530")).toBe(Date.parse("2025-12-01T10:15:30Z"));
    expect(isoInstantMs("0000-01-01")).toBe(Date.parse("0000-01-01T00:00:00Z"));
    expect(isoInstantMs("0099-03-01")).toBe(Date.parse("0099-03-01T00:00:00Z")); // not 1999
  });

  it("reads expanded years up to the instants a Date holds, and no further", () => {
    expect(isoInstantMs("-271821-04-20")).toBe(-8_640_000_000_000_000);
    expect(isoInstantMs("+275760-09-13T00:00:00.000Z")).toBe(8_640_000_000_000_000);
    expect(isoInstantMs("-271821-04-19T23:59:59.999Z")).toBeUndefined();
    expect(isoInstantMs("+275760-09-13T00:00:00.001Z")).toBeUndefined();
    expect(isoInstantMs("-000000-01-01")).toBeUndefined();
  });

  it("refuses what Date.parse reads leniently, and days and times that do not exist", () => {
    for (const text of [
      "1",
      "2025",
      "2025-12",
      "garbage",
      "Dec 1 2025",
      "2025-02-30",
      "2025-02-29",
      "2025-13-01",
      "2025-12-01T24:00",
      "2025-12-01T10:60",
      "2025-12-01T10:15:60",
      "2025-12-01T10:15+24:00",
      "2025-12-01Z",
      " 2025-12-01",
      "",
    ]) {
      expect(isoInstantMs(text), text).toBeUndefined();
    }
    expect(isoInstantMs("2024-02-29")).toBe(Date.parse("2024-02-29T00:00:00Z"));
  });

  it("is Date.parse on every instant toISOString writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(isoInstantMs(iso)).toBe(ms);
        expect(isoInstantMs(iso.slice(0, iso.indexOf("T")))).toBe(
          Date.parse(iso.slice(0, iso.indexOf("T"))),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
