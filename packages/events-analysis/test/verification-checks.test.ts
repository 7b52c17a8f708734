import { describe, expect, it } from "vitest";
import { checkResult, UNKNOWN_COMMAND, verificationChecks } from "../src/verification-checks.js";
import { recordMaker } from "./fixtures/records.js";

const AUDIT = "11111111-1111-4111-8111-111111111111";

describe("verificationChecks", () => {
  it("tells checks apart by position: a command listed twice is two cases; failed, passed, failed again is a failure", () => {
    const make = recordMaker();
    const run = (type: string, command: string) =>
      make(type, AUDIT, 1, {
        command,
        exit_code: type === "verification_failed" ? 1 : 0,
        duration_ms: 1,
        ...(type === "verification_failed" ? { output: command } : {}),
      });
    // Verify list [lint, lint, test]: attempt 1 fails at the second lint, attempt 2 at test,
    // attempt 3 fails at the first lint, which passed in attempt 2.
    const checks = verificationChecks([
      run("verification_passed", "lint"),
      run("verification_failed", "lint"),
      run("verification_passed", "lint"),
      run("verification_passed", "lint"),
      run("verification_failed", "test"),
      run("verification_failed", "lint"),
    ]);
    expect(
      checks.map((c) => [c.command, c.runs.map((r) => r.type.slice(13)), checkResult(c)]),
    ).toEqual([
      ["lint", ["passed", "passed", "failed"], "failed"],
      ["lint", ["failed", "passed"], "flaky"],
      ["test", ["failed"], "failed"],
    ]);
  });

  it("names a run without a command as the unknown command, and a check passed at once passed", () => {
    const make = recordMaker();
    const checks = verificationChecks([
      make("verification_passed", AUDIT, 1, { exit_code: 0 }),
      make("verification_passed", AUDIT, 1, { command: "npm test", exit_code: 0 }),
    ]);
    expect(checks.map((c) => [c.command, checkResult(c)])).toEqual([
      [UNKNOWN_COMMAND, "passed"],
      ["npm test", "passed"],
    ]);
  });
});
