import { PAYLOAD_FIELDS } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import {
  fieldKind,
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
  it("reads a numeric field as a JSON number, and nothing else as one", () => {
    expect(parseAssignedValue("count", "6")).toBe(6);
    expect(parseAssignedValue("seconds", "1.5")).toBe(1.5);
    expect(parseAssignedValue("exit_nonzero", "-1")).toBe(-1);
    expect(parseAssignedValue("seconds", "2e3")).toBe(2000);
    // Not numbers: undefined, which parseAssignments refuses.
    for (const text of [
      "abc",
      "",
      " 6",
      "6 ",
      "+6",
      "0x10",
      "1e999",
      "Infinity",
      "NaN",
      "6.",
      "null",
      '"6"',
    ]) {
      expect(parseAssignedValue("count", text), text).toBeUndefined();
    }
  });

  it("keeps the text of a string field, and of a field the table does not know, whatever it looks like", () => {
    const jsonLooking = [
      '{"stats":{"failures":2}}',
      "2",
      "null",
      "true",
      '"2 failing"',
      "[1,2]",
      "",
      "007",
    ];
    for (const text of jsonLooking) {
      expect(parseAssignedValue("output", text)).toBe(text);
      expect(parseAssignedValue("text", text)).toBe(text);
      expect(parseAssignedValue(undefined, text)).toBe(text);
    }
    expect(parseAssignedValue(["user_request", "error", "timeout"], "error")).toBe("error");
  });
});

describe("fieldKind", () => {
  it("comes from core's payload table, for that event type only", () => {
    expect(fieldKind("audit_started", "phases_total")).toBe("count");
    expect(fieldKind("audit_started", "git_commit")).toBe("text");
    expect(fieldKind("verification_failed", "output")).toBe("output");
    expect(fieldKind("verification_failed", "exit_code")).toBe("exit_nonzero");
    expect(fieldKind("audit_abandoned", "reason")).toEqual(["user_request", "error", "timeout"]);
    expect(fieldKind("audit_started", "exit_code")).toBeUndefined();
    expect(fieldKind("audit_started", "toString")).toBeUndefined();
    // Every kind in the table is one parseAssignedValue reads (a new kind fails here, and to compile).
    for (const [type, fields] of Object.entries(PAYLOAD_FIELDS)) {
      for (const [name, rule] of Object.entries(fields)) {
        expect(() => parseAssignedValue(rule.kind, "1"), `${type}.${name}`).not.toThrow();
      }
    }
  });
});

describe("parseAssignments", () => {
  it("builds a payload by the type's fields; the value is everything after the first =", () => {
    expect(
      parseAssignments("audit_started", [
        "phases_total=6",
        "project=2",
        "slug=null",
        "git_commit=1234567",
        'git_branch="main"',
        "msg=hello world",
        "cmd=a=b",
        "ok=true",
        "list=[1,2]",
      ]),
    ).toEqual({
      phases_total: 6,
      project: "2",
      slug: "null",
      git_commit: "1234567",
      git_branch: '"main"',
      msg: "hello world",
      cmd: "a=b",
      ok: "true",
      list: "[1,2]",
    });
    expect(
      parseAssignments("verification_failed", [
        "exit_code=1",
        "duration_ms=3500",
        'output={"stats":{"failures":2}}',
        "command=true",
      ]),
    ).toEqual({
      exit_code: 1,
      duration_ms: 3500,
      output: '{"stats":{"failures":2}}',
      command: "true",
    });
    // A field is numeric only for the type whose table says so.
    expect(parseAssignments("audit_started", ["exit_code=1"])).toEqual({ exit_code: "1" });
    expect(parseAssignments("audit_started", [])).toEqual({});
  });

  it("refuses an argument without =, an empty key and a key given twice", () => {
    expect(usageError(() => parseAssignments("audit_started", ["a=1", "project"]))).toBe(
      'argument 2 ("project") is not key=value',
    );
    expect(usageError(() => parseAssignments("audit_started", ["=1"]))).toContain("empty key");
    expect(usageError(() => parseAssignments("audit_started", ["a=1", "a=2"]))).toContain(
      "data.a is given more than once",
    );
  });

  it("refuses a numeric field that is not a number, naming the argument and the field", () => {
    expect(
      usageError(() => parseAssignments("audit_started", ["project=X", "phases_total=abc"])),
    ).toBe(
      'argument 2 ("phases_total=abc"): data.phases_total must be a number for audit_started events',
    );
    expect(usageError(() => parseAssignments("verification_failed", ["exit_code="]))).toContain(
      "data.exit_code must be a number",
    );
  });

  it("refuses __proto__, constructor and prototype instead of dropping them", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      expect(usageError(() => parseAssignments("audit_started", [`${key}={"polluted":1}`]))).toBe(
        `argument 1 (${JSON.stringify(`${key}={"polluted":1}`)}): data.${key} is refused: __proto__, constructor and prototype cannot be payload fields`,
      );
    }
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

  it("refuses a reserved key, which JSON.parse keeps as an own property", () => {
    expect(usageError(() => parseDataOption('{"a":1,"__proto__":{"polluted":1}}'))).toBe(
      "--data: data.__proto__ is refused: __proto__, constructor and prototype cannot be payload fields",
    );
    expect(usageError(() => parseDataOption('{"constructor":1}'))).toContain("data.constructor");
  });
});
