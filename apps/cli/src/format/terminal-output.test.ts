import { describe, expect, it } from "vitest";
import { pc } from "./colors.js";
import { jsonLine } from "./json-line.js";
import { guardLine } from "./terminal-output.js";
import { formatBytes } from "./text.js";

const ESC = "\x1b";

describe("guardLine", () => {
  it("lets colours (SGR) and line breaks through and shows every other control as text", () => {
    const red = `${ESC}[31mfailed${ESC}[39m`;
    expect(guardLine(`${red}  ${ESC}[1;2mbold${ESC}[0m\n`)).toBe(
      `${red}  ${ESC}[1;2mbold${ESC}[0m\n`,
    );
    expect(guardLine(`${red} ${ESC}]52;c;aGVsbG8=\x07 ${ESC}[2J \r\u009b\u202e`)).toBe(
      `${red} ␛]52;c;aGVsbG8=␇ ␛[2J ␍\\u009b\\u202e`,
    );
    expect(guardLine("plain")).toBe("plain");
    // picocolors' own output passes unchanged, whatever it is configured to do.
    expect(guardLine(pc().green("✓ ok"))).toBe(pc().green("✓ ok"));
  });
});

describe("jsonLine", () => {
  it("writes the exact value, with C1 controls, DEL and bidi overrides escaped", () => {
    const value = { output: `${ESC}]0;x\x07 \u009b2J \u202e \u2066 \x7f ok 検査 🚀` };
    const line = jsonLine(value);
    expect(JSON.parse(line)).toEqual(value);
    expect(line.endsWith("\n")).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checks that no control character is left
    expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(line).toContain("\\u009b2J \\u202e \\u2066 \\u007f ok 検査 🚀");
  });
});

describe("formatBytes", () => {
  it("prints sizes in SI units, one decimal past bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1000)).toBe("1.0 kB");
    expect(formatBytes(1400)).toBe("1.4 kB");
    expect(formatBytes(999_960)).toBe("1.0 MB");
    expect(formatBytes(2_000_000)).toBe("2.0 MB");
    expect(formatBytes(3_100_000_000)).toBe("3.1 GB");
    expect(formatBytes(undefined)).toBe("? B");
  });
});
