import { describe, expect, it } from "vitest";
import { printable, printableLines, printableMessage } from "./printable.js";

const ESC = "\x1b";

describe("printable", () => {
  it("shows the sequences a terminal obeys as text: OSC 52, OSC 0, CSI 2J, BEL, NUL, DEL", () => {
    expect(printable(`${ESC}]52;c;aGVsbG8=\x07`)).toBe("␛]52;c;aGVsbG8=␇");
    expect(printable(`${ESC}]0;title${ESC}\\`)).toBe("␛]0;title␛\\");
    expect(printable(`${ESC}[2J${ESC}[31mred`)).toBe("␛[2J␛[31mred");
    expect(printable("a\x00b\x7fc")).toBe("a␀b␡c");
  });

  it("keeps a line on one line: a bare CR and line feeds become visible", () => {
    expect(printable("safe\rEVIL")).toBe("safe␍EVIL");
    expect(printable("one\ntwo\r\n")).toBe("one␊two␍␊");
  });

  it("writes C1 controls and the bidi overrides and isolates as \\u escapes, and keeps the marks", () => {
    expect(printable("\u009b31m")).toBe("\\u009b31m");
    expect(printable("\u0085\u0090\u009d")).toBe("\\u0085\\u0090\\u009d");
    expect(printable("a\u202eexe.txt")).toBe("a\\u202eexe.txt");
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(printable(String.fromCharCode(code))).toBe(`\\u${code.toString(16)}`);
    }
    expect(printable("\u200e\u200f\u061c")).toBe("\u200e\u200f\u061c");
  });

  it("expands tabs to the next multiple of 8", () => {
    expect(printable("FAIL\tpkg\t0.01s")).toBe("FAIL    pkg     0.01s");
  });

  it("leaves printable text as it is, wide characters and emoji included, and is idempotent", () => {
    const text = "Prüfung 検査 🚀 a\u0301 ←";
    expect(printable(text)).toBe(text);
    const hostile = `${ESC}]0;x\x07\u009b\u202e\t\r\n`;
    expect(printable(printable(hostile))).toBe(printable(hostile));
    // Nothing a terminal acts on is left.
    expect(printable(hostile)).not.toMatch(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: checks that no control character is left
      /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
    );
  });
});

describe("printableLines and printableMessage", () => {
  it("split at line breaks (LF or CRLF) and make each line printable", () => {
    expect(printableLines(`ok\r\nbad ${ESC}[2J\nsafe\rEVIL`)).toEqual([
      "ok",
      "bad ␛[2J",
      "safe␍EVIL",
    ]);
    expect(printableMessage(`a ${ESC}]52;c;x\x07\nb`)).toBe("a ␛]52;c;x␇\nb");
  });
});
