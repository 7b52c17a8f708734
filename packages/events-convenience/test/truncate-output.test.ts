import { MAX_OUTPUT_LENGTH } from "@phaser/events-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stripTerminalControls, truncateOutput } from "../src/index.js";

const ESC = "\x1b";

/**
 * Any code point, lone surrogates included: what `fc.string({ unit: "binary" })` is made of,
 * drawn the same way (a biased natural number, as a code point). fast-check's own unit builds a
 * reverse map of all 1,114,112 code points the first time a string uses it, 3 s of CPU on an idle
 * machine and more when loaded, once per process; this map has no reverse, so it costs nothing.
 */
const anyCodePoint = fc.nat(0x10ffff).map((code) => String.fromCodePoint(code));

/** No lone surrogate: what `String.prototype.isWellFormed` (ES2024) says. */
function wellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

describe("truncateOutput", () => {
  it("keeps the start and the end of a long output, says how much it cut, and fits in 1,000", () => {
    const output = `${"a".repeat(1000)}${"b".repeat(3000)}${"c".repeat(1000)}`;
    const cut = truncateOutput(output);
    expect(cut.length).toBeLessThanOrEqual(MAX_OUTPUT_LENGTH);
    expect(cut.length).toBeGreaterThan(MAX_OUTPUT_LENGTH - 5);
    expect(cut.startsWith("a".repeat(200))).toBe(true);
    expect(cut.endsWith("c".repeat(700))).toBe(true);
    const [head, marker, tail] = cut.split("\n");
    expect(marker).toMatch(/^\[… \d+ characters cut …\]$/);
    const count = Number(marker?.match(/\d+/)?.[0]);
    expect((head?.length ?? 0) + count + (tail?.length ?? 0)).toBe(output.length);
  });

  it("keeps the cause pytest prints last", () => {
    const passing = Array.from({ length: 400 }, (_, i) => `tests/test_x.py::test_${i} PASSED`);
    const output = [
      ...passing,
      "E   AssertionError: expected 3, got 4",
      "FAILED tests/test_x.py::test_sum - AssertionError",
    ].join("\n");
    const cut = truncateOutput(output);
    expect(cut).toContain("E   AssertionError: expected 3, got 4");
    expect(cut.endsWith("FAILED tests/test_x.py::test_sum - AssertionError")).toBe(true);
    expect(cut.startsWith("tests/test_x.py::test_0 PASSED")).toBe(true);
  });

  it("returns output that fits unchanged, including exactly max characters", () => {
    expect(truncateOutput("short")).toBe("short");
    expect(truncateOutput("")).toBe("");
    const exact = "z".repeat(1000);
    expect(truncateOutput(exact)).toBe(exact);
  });

  it("strips colour codes before measuring, so they neither reach a reader nor eat the budget", () => {
    const red = `${ESC}[31mFAIL${ESC}[39m test_x`;
    expect(truncateOutput(red)).toBe("FAIL test_x");
    const coloured = `${ESC}[32m.${ESC}[0m`.repeat(600);
    expect(truncateOutput(coloured)).toBe(".".repeat(600));
  });

  it("keeps the lines after an unterminated window title: the FAIL and its assertion stay", () => {
    const output = `PASS a\n${ESC}]0;jest\nFAIL b\nAssertionError: expected 3, got 4`;
    expect(truncateOutput(output)).toBe("PASS a\n\nFAIL b\nAssertionError: expected 3, got 4");
  });

  it("never splits a surrogate pair at either cut", () => {
    for (let shift = 0; shift < 4; shift++) {
      const output = `${"a".repeat(shift)}${"😀".repeat(3000)}`;
      const cut = truncateOutput(output);
      expect(cut.length).toBeLessThanOrEqual(MAX_OUTPUT_LENGTH);
      expect(wellFormed(cut)).toBe(true);
    }
  });

  it("honours a custom max, keeping the end when the max has no room for the marker", () => {
    expect(truncateOutput("abcdef", 3)).toBe("def");
    expect(truncateOutput("ab😀", 3)).toBe("b😀");
    expect(truncateOutput("a😀", 1)).toBe("");
    expect(truncateOutput("abc", 0)).toBe("");
    const cut = truncateOutput("x".repeat(500) + "y".repeat(500), 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.startsWith("x".repeat(20))).toBe(true);
    expect(cut.endsWith("y")).toBe(true);
  });

  it("stays within max and well-formed, with nothing left to strip, for any input (200 runs)", () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint, maxLength: 1200 }), fc.nat(1100), (text, max) => {
        const cut = truncateOutput(text, max);
        return (
          cut.length <= max &&
          cut === stripTerminalControls(cut) &&
          (!wellFormed(text) || wellFormed(cut))
        );
      }),
      { numRuns: 200 },
    );
    // About 1 s alone; 26 s was seen with the machine loaded fifteen-fold.
  }, 90_000);

  it("rejects a max that is not a whole number, 0 or more", () => {
    expect(() => truncateOutput("abc", -1)).toThrow(RangeError);
    expect(() => truncateOutput("abc", 1.5)).toThrow(RangeError);
  });
});

describe("stripTerminalControls", () => {
  it.each([
    ["a clipboard write (OSC 52)", `ok${ESC}]52;c;ZXZpbA==\x07 done`, "ok done"],
    ["a window title (OSC 0) ended by ST", `${ESC}]0;pwned${ESC}\\title`, "title"],
    ["a screen clear and cursor home", `${ESC}[2J${ESC}[Hclean`, "clean"],
    ["colours with parameters", `${ESC}[1;38;5;196mred${ESC}[0m`, "red"],
    ["the one-byte C1 CSI", "\x9b31mred", "red"],
    ["a character-set switch and a reset", `${ESC}(B${ESC}ctext`, "text"],
    ["a DCS string", `${ESC}Pq#0;2;0;0;0${ESC}\\after`, "after"],
    ["bell, backspace, NUL and DEL", "a\x07b\x08c\x00d\x7fe", "abcde"],
  ])("removes %s", (_, input, expected) => {
    expect(stripTerminalControls(input)).toBe(expected);
  });

  it.each([
    ["OSC", `${ESC}]0;jest`],
    ["DCS", `${ESC}Pq#0;2`],
    ["SOS", `${ESC}Xnote`],
    ["PM", `${ESC}^private`],
    ["APC", `${ESC}_Gf=100`],
    ["8-bit OSC", "\x9d0;jest"],
    ["8-bit DCS", "\x90q#0;2"],
    ["8-bit SOS", "\x98note"],
    ["8-bit PM", "\x9eprivate"],
    ["8-bit APC", "\x9fGf=100"],
  ])("ends an unterminated %s at the line break: the lines after it stay", (_, string) => {
    const output = `PASS a\n${string}\nFAIL b\r\nAssertionError: expected 3, got 4\n`;
    expect(stripTerminalControls(output)).toBe(
      "PASS a\n\nFAIL b\nAssertionError: expected 3, got 4\n",
    );
  });

  it("ends an unterminated control string after 512 characters on a long line", () => {
    const line = `${"t".repeat(600)} FAIL b`;
    expect(stripTerminalControls(`${ESC}]0;${line}`)).toBe(line.slice(510));
    expect(stripTerminalControls(`\x9d0;${line}`)).toBe(line.slice(510));
  });

  it("ends an unterminated control string at the next escape or C1 control", () => {
    expect(stripTerminalControls(`${ESC}]0;title${ESC}[31mFAIL${ESC}[0m`)).toBe("FAIL");
    expect(stripTerminalControls(`${ESC}]0;title\x9b1mFAIL`)).toBe("FAIL");
  });

  it.each([
    ["ended by ST", `${ESC}]8;;https://evil.example/?k=1${ESC}\\docs${ESC}]8;;${ESC}\\`],
    ["ended by BEL", `${ESC}]8;;https://evil.example/?k=1\x07docs${ESC}]8;;\x07`],
    ["in 8-bit C1 form", "\x9d8;;https://evil.example/?k=1\x9cdocs\x9d8;;\x9c"],
    ["with a URL longer than 512", `${ESC}]8;;https://evil.example/${"a".repeat(2000)}\x07docs`],
  ])("removes a whole OSC 8 hyperlink %s: the text stays, never its URL", (_, input) => {
    expect(stripTerminalControls(`see ${input}.`)).toBe("see docs.");
  });

  it("removes a whole terminated clipboard write however long its payload", () => {
    const payload = "QUJD".repeat(5000);
    expect(stripTerminalControls(`a${ESC}]52;c;${payload}\x07b\nc`)).toBe("ab\nc");
  });

  it("does not take a terminator from a later line: the lines between stay", () => {
    expect(stripTerminalControls(`${ESC}]0;jest\nFAIL b\x07\nok`)).toBe("\nFAIL b\nok");
  });

  it("keeps tabs and line breaks, and turns carriage returns into line breaks", () => {
    expect(stripTerminalControls("a\tb\nc")).toBe("a\tb\nc");
    expect(stripTerminalControls("one\r\ntwo")).toBe("one\ntwo");
    expect(stripTerminalControls("10%\r100%")).toBe("10%\n100%");
  });

  it("keeps text in any script, emoji included", () => {
    const text = "Größe → 大きさ 😀 ok";
    expect(stripTerminalControls(text)).toBe(text);
  });
});
