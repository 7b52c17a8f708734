import { describe, expect, it } from "vitest";
import { colorsEnabled } from "./colors.js";

describe("colorsEnabled", () => {
  it("colours a terminal only", () => {
    expect(colorsEnabled({}, true)).toBe(true);
    expect(colorsEnabled({}, false)).toBe(false);
    // picocolors alone would colour a pipe whenever CI is set.
    expect(colorsEnabled({ CI: "true" }, false)).toBe(false);
  });

  it("honours NO_COLOR, TERM=dumb and FORCE_COLOR", () => {
    expect(colorsEnabled({ NO_COLOR: "1" }, true)).toBe(false);
    expect(colorsEnabled({ TERM: "dumb" }, true)).toBe(false);
    expect(colorsEnabled({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(colorsEnabled({ FORCE_COLOR: "0" }, false)).toBe(false);
  });
});
