import { describe, expect, it } from "vitest";
import { displayWidth, fitWidth } from "./display-width.js";

describe("displayWidth", () => {
  it("counts ASCII and Latin as one column, CJK, fullwidth and emoji as two, marks as none", () => {
    expect(displayWidth("build")).toBe(5);
    expect(displayWidth("Prüfung")).toBe(7);
    expect(displayWidth("検査")).toBe(4);
    expect(displayWidth("한국어")).toBe(6);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("🚀✅")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("⠋ ✓ ▸ │ …")).toBe(9);
  });
});

describe("fitWidth", () => {
  it("returns text that fits as it is", () => {
    expect(fitWidth("short", 5)).toBe("short");
    expect(fitWidth("検査", 4)).toBe("検査");
  });

  it("cuts to at most the columns given, ending in …, never splitting a wide character", () => {
    expect(fitWidth("abcdef", 4)).toBe("abc…");
    expect(fitWidth("検査検査", 6)).toBe("検査…");
    expect(fitWidth("検査検査", 5)).toBe("検査…");
    expect(fitWidth("a🚀b", 3)).toBe("a…");
    expect(fitWidth("e\u0301e\u0301e\u0301", 3)).toBe("e\u0301e\u0301e\u0301");
    expect(fitWidth("e\u0301e\u0301e\u0301x", 3)).toBe("e\u0301e\u0301…");
    expect(fitWidth("abc", 0)).toBe("");
    for (let columns = 1; columns < 30; columns++) {
      expect(displayWidth(fitWidth("混合 mixed 文字 🚀 text", columns))).toBeLessThanOrEqual(
        columns,
      );
    }
  });
});
