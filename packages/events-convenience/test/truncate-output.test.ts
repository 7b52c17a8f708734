import { MAX_OUTPUT_LENGTH } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { truncateOutput } from "../src/index.js";

describe("truncateOutput", () => {
  it("keeps the first 1,000 characters of a 5,000-character output", () => {
    const output = `${"a".repeat(1000)}${"b".repeat(4000)}`;
    const cut = truncateOutput(output);
    expect(cut).toHaveLength(MAX_OUTPUT_LENGTH);
    expect(cut).toBe("a".repeat(1000));
  });

  it("returns output that fits unchanged, including exactly max characters", () => {
    expect(truncateOutput("short")).toBe("short");
    expect(truncateOutput("")).toBe("");
    const exact = "z".repeat(1000);
    expect(truncateOutput(exact)).toBe(exact);
  });

  it("cuts one character earlier rather than split a surrogate pair", () => {
    const output = `${"a".repeat(999)}😀${"b".repeat(10)}`;
    const cut = truncateOutput(output);
    expect(cut).toBe("a".repeat(999));
    expect(cut).toHaveLength(999);
  });

  it("keeps a surrogate pair that ends exactly at the cut", () => {
    const output = `${"a".repeat(998)}😀${"b".repeat(10)}`;
    expect(truncateOutput(output)).toBe(`${"a".repeat(998)}😀`);
  });

  it("honours a custom max", () => {
    expect(truncateOutput("abcdef", 3)).toBe("abc");
    expect(truncateOutput("ab😀", 3)).toBe("ab");
    expect(truncateOutput("abc", 0)).toBe("");
  });

  it("rejects a max that is not a whole number, 0 or more", () => {
    expect(() => truncateOutput("abc", -1)).toThrow(RangeError);
    expect(() => truncateOutput("abc", 1.5)).toThrow(RangeError);
  });
});
