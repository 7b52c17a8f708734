import { TOKEN_PATTERN } from "@phaser/events-web";
import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { parseInstant, parseSeconds, parseToken } from "./option-parsers.js";

const NOW = Date.parse("2025-12-05T12:00:00.000Z");

describe("parseInstant", () => {
  it("reads times ago in s, m, h, d and w", () => {
    const ago = (value: string) => parseInstant(value, () => NOW);
    expect(ago("90s")).toBe("2025-12-05T11:58:30.000Z");
    expect(ago("30m")).toBe("2025-12-05T11:30:00.000Z");
    expect(ago("2h")).toBe("2025-12-05T10:00:00.000Z");
    expect(ago("7d")).toBe("2025-11-28T12:00:00.000Z");
    expect(ago("2w")).toBe("2025-11-21T12:00:00.000Z");
  });

  it("reads ISO dates and date-times into UTC", () => {
    expect(parseInstant("2025-12-05")).toBe("2025-12-05T00:00:00.000Z");
    expect(parseInstant("2025-12-05T10:15:30+02:00")).toBe("2025-12-05T08:15:30.000Z");
  });

  it("reads a date or time without an offset as UTC, whatever the local time zone", () => {
    // The times `list` prints are UTC: one pasted without its Z names the same instant.
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York"; // Node reads TZ anew when it changes
    try {
      expect(new Date(2025, 11, 5).getTimezoneOffset()).toBe(300); // the zone is in force
      expect(parseInstant("2025-12-05T10:15:30")).toBe("2025-12-05T10:15:30.000Z");
      expect(parseInstant("2025-12-05T10:15:30.123")).toBe("2025-12-05T10:15:30.123Z");
      expect(parseInstant("2025-12-05 10:15")).toBe("2025-12-05T10:15:00.000Z");
      expect(parseInstant("2025-12-05")).toBe("2025-12-05T00:00:00.000Z");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(parseInstant("2025-12-05T10:15:30.123456Z")).toBe("2025-12-05T10:15:30.123Z");
    expect(parseInstant("2025-12-05T10:15:30-0530")).toBe("2025-12-05T15:45:30.000Z");
    expect(parseInstant("2025-12-05T10:15:30+02")).toBe("2025-12-05T08:15:30.000Z");
  });

  it("reads ECMAScript's expanded years, up to the instants a Date holds", () => {
    expect(parseInstant("-271821-04-20")).toBe("-271821-04-20T00:00:00.000Z");
    expect(parseInstant("0099-01-01")).toBe("0099-01-01T00:00:00.000Z");
    expect(() => parseInstant("+275760-09-14")).toThrow(InvalidArgumentError);
  });

  it("refuses anything else with a usage error", () => {
    for (const bad of [
      "yesterday",
      "2y",
      "-2h",
      "12/05/2025",
      "2025-02-30",
      "2025-12-05T24:00",
      "2025-12-05T10:15:30+25:00",
      "2025-12-05 10:15:30 GMT",
      "2025-12-05T10",
    ]) {
      expect(() => parseInstant(bad)).toThrow(InvalidArgumentError);
    }
  });
});

describe("parseSeconds", () => {
  it("takes a positive number of seconds", () => {
    expect(parseSeconds("1.5")).toBe(1.5);
    for (const bad of ["0", "-1", "soon", ""])
      expect(() => parseSeconds(bad)).toThrow(InvalidArgumentError);
  });
});

describe("parseToken", () => {
  const samples = [
    "s3cret-token",
    "a.b_c~d-E9",
    "",
    "a b",
    "a;b",
    "é",
    "a=b",
    "tok/en",
    "x".repeat(200),
  ];

  it("accepts what the web server accepts, and refuses the rest with a usage error", () => {
    for (const sample of samples) {
      if (TOKEN_PATTERN.test(sample)) expect(parseToken(sample), sample).toBe(sample);
      else expect(() => parseToken(sample), sample).toThrow(InvalidArgumentError);
    }
    expect(samples.filter((s) => TOKEN_PATTERN.test(s))).toHaveLength(3);
  });
});
