import { describe, expect, it } from "vitest";
import { cutText, lineText, TEXT_MAX } from "../src/ui/format/cut-text.js";
import { displayText } from "../src/ui/format/display-text.js";

describe("cutText", () => {
  it("keeps a text of at most the cap whole", () => {
    expect(cutText("abc", 3)).toEqual({ shown: "abc", omitted: 0 });
    expect(cutText("x".repeat(TEXT_MAX))).toEqual({ shown: "x".repeat(TEXT_MAX), omitted: 0 });
  });

  it("cuts a longer one to the cap and counts what it left out", () => {
    const cut = cutText("x".repeat(TEXT_MAX + 25));
    expect(cut.shown).toHaveLength(TEXT_MAX);
    expect(cut.omitted).toBe(25);
  });

  it("never cuts a surrogate pair in two", () => {
    // "ab" then an emoji at code units 2 and 3: a cut at 3 would keep its first half only.
    expect(cutText("ab😀cd", 3)).toEqual({ shown: "ab", omitted: 4 });
    expect(cutText("ab😀cd", 4)).toEqual({ shown: "ab😀", omitted: 2 });
  });
});

describe("lineText", () => {
  it("shows a short value whole, cleaned of terminal controls", () => {
    expect(lineText("\x1b[31mred\x1b[0m")).toBe("red");
    expect(lineText(null)).toBe("");
    expect(lineText(42)).toBe("42");
  });

  it("cuts a long value to the cap, its last character an ellipsis", () => {
    const line = lineText("y".repeat(5_000_000), 300);
    expect(line).toHaveLength(300);
    expect(line.endsWith("y…")).toBe(true);
  });

  it("shows the start of the whole value cleaned, wherever the cut falls in a control sequence", () => {
    const text = `ab\x1b[1;31mcd\x1b]8;;https://example.com/\x07ef\r\ngh\x1b]52;c;AAAA\x1b\\ij\x9b2Jkl`;
    const whole = displayText(text);
    for (let max = 2; max < text.length; max += 1) {
      const line = lineText(text, max);
      expect(line.length).toBeLessThanOrEqual(max);
      expect(whole.startsWith(line.slice(0, -1))).toBe(true);
    }
  });
});

describe("lineText at the cut", () => {
  it("never ends in half a character, also when cleaning made the start shorter", () => {
    const line = lineText(`\x1b[31m${"a".repeat(294)}😀 and more`);
    expect(line.endsWith("…")).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(line)).toBe(false);
  });
});
