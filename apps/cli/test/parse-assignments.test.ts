import { describe, expect, it } from "vitest";
import {
  parseAssignedValue,
  parseAssignments,
  parseDataOption,
} from "../src/commands/parse-assignments.js";
import { isCliError } from "../src/errors/cli-error.js";

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!isCliError(error)) throw error;
    expect(error.exitCode).toBe(2);
    return error.message;
  }
  throw new Error("expected a usage error");
}

describe("parseAssignedValue", () => {
  it("reads JSON where it parses, else keeps the text", () => {
    expect(parseAssignedValue("6")).toBe(6);
    expect(parseAssignedValue("1.5")).toBe(1.5);
    expect(parseAssignedValue("true")).toBe(true);
    expect(parseAssignedValue("null")).toBeNull();
    expect(parseAssignedValue("[1,2]")).toEqual([1, 2]);
    expect(parseAssignedValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseAssignedValue('"6"')).toBe("6");
    expect(parseAssignedValue("hello world")).toBe("hello world");
    expect(parseAssignedValue("007")).toBe("007");
    expect(parseAssignedValue("")).toBe("");
  });
});

describe("parseAssignments", () => {
  it("builds a payload; the value is everything after the first =", () => {
    expect(parseAssignments(["phases_total=6", "msg=hello world", "cmd=a=b", "ok=true"])).toEqual({
      phases_total: 6,
      msg: "hello world",
      cmd: "a=b",
      ok: true,
    });
    expect(parseAssignments([])).toEqual({});
  });

  it("refuses an argument without =, an empty key and a key given twice", () => {
    expect(usageError(() => parseAssignments(["a=1", "project"]))).toBe(
      'argument 2 ("project") is not key=value',
    );
    expect(usageError(() => parseAssignments(["=1"]))).toContain("empty key");
    expect(usageError(() => parseAssignments(["a=1", "a=2"]))).toContain(
      "data.a is given more than once",
    );
  });
});

describe("parseDataOption", () => {
  it("takes a JSON object", () => {
    expect(parseDataOption('{"project":"X","n":2}')).toEqual({ project: "X", n: 2 });
  });

  it("refuses malformed JSON and non-objects, naming --data", () => {
    expect(usageError(() => parseDataOption("{bad"))).toMatch(/^--data is not valid JSON/);
    expect(usageError(() => parseDataOption("[1]"))).toMatch(/^--data must be a JSON object/);
    expect(usageError(() => parseDataOption("null"))).toMatch(/^--data must be a JSON object/);
  });
});
