import { describe, expect, it } from "vitest";
import { formatTraceparent, parseTraceparent } from "../src/index.js";

const VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

describe("parseTraceparent", () => {
  it("reads a version-00 traceparent, and a future version's first four fields", () => {
    expect(parseTraceparent(VALID)).toEqual({
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
      flags: "01",
    });
    expect(parseTraceparent(` ${VALID} `)?.spanId).toBe("00f067aa0ba902b7");
    expect(parseTraceparent(`cc${VALID.slice(2)}-what-comes-next`)?.flags).toBe("01");
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["version ff", `ff${VALID.slice(2)}`],
    ["uppercase", VALID.toUpperCase()],
    ["all-zero trace id", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"],
    ["all-zero span id", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"],
    ["short span id", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01"],
    ["version 00 with more fields", `${VALID}-extra`],
  ])("treats a %s value as absent", (_, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it("formats what it reads", () => {
    const parsed = parseTraceparent(VALID);
    expect(parsed && formatTraceparent(parsed.traceId, parsed.spanId, parsed.flags)).toBe(VALID);
  });
});
