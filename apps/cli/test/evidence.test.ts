import { describe, expect, it } from "vitest";
import { node, projectRepo, writePlan } from "./project-repo.js";
import { readStore, runCli, type StoredRecord, tempDir } from "./run-cli.js";

/** Runs a one-phase plan whose `run:` or `verify:` command fails; resolves with the stored records. */
async function failingRun(step: "run" | "verify", command: string): Promise<StoredRecord[]> {
  const storageDir = await tempDir();
  const cwd = await projectRepo({ "a.txt": "a\n" });
  const phase =
    step === "run"
      ? { title: "Fails", run: command, verify: [] }
      : { title: "Fails", verify: [command] };
  const plan = await writePlan({ project: "p", slug: "s", phases: [phase] });
  const result = await runCli(["run", plan, "--cwd", cwd], storageDir);
  expect(result.code, result.stderr).toBe(1);
  return (await readStore(storageDir)).events;
}

const data = (records: readonly StoredRecord[], type: string) =>
  records.find((r) => r.type === type)?.data ?? {};

/** pytest's shape: a long coloured run of passing tests, the cause of the failure last. */
const PYTEST = node(`
  const red = (s) => "\\x1b[31m" + s + "\\x1b[0m";
  for (let i = 0; i < 300; i++) console.log("tests/test_app.py::test_" + i + " \\x1b[32mPASSED\\x1b[0m");
  console.log("\\x1b]0;pwned\\x07" + red("E   AssertionError: assert total == 42"));
  console.log(red("FAILED tests/test_app.py::test_total - AssertionError"));
  // Not process.exit(2): it drops what a pipe could not take yet, and on a loaded machine the
  // reader is slow; pytest (Python) flushes its output before it exits, like this does.
  process.exitCode = 2;
`);

describe("phaser-events run keeps the evidence of a failure", () => {
  it("records a failing run: step's output in phase_failed, its cause (printed last) kept and control sequences gone", async () => {
    const records = await failingRun("run", PYTEST);
    const error = String(data(records, "phase_failed").error);
    expect(error).toMatch(/^Run command failed with exit code 2: node -e/);
    expect(error).toContain("E   AssertionError: assert total == 42");
    expect(error).toMatch(/FAILED tests\/test_app\.py::test_total - AssertionError$/);
    expect(error).toContain("tests/test_app.py::test_0 PASSED");
    expect(error).toMatch(/\[… \d+ characters cut …\]/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be stored.
    expect(error).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it("keeps the cause of a failing verification in its output, cut to 1,000 characters", async () => {
    const records = await failingRun("verify", PYTEST);
    const output = String(data(records, "verification_failed").output);
    expect(output.length).toBeLessThanOrEqual(1000);
    expect(output).toMatch(/FAILED tests\/test_app\.py::test_total - AssertionError$/);
    expect(output).not.toContain("\x1b");
    expect(String(data(records, "phase_failed").error)).toContain("assert total == 42");
  });

  it("keeps the lines after a window title left unterminated (no BEL): FAIL and its assertion", async () => {
    const jest = node(`
      console.log("PASS a");
      console.log("\\x1b]0;jest");
      console.log("FAIL b");
      console.log("AssertionError: expected 3, got 4");
      process.exitCode = 1;
    `);
    const records = await failingRun("verify", jest);
    const output = String(data(records, "verification_failed").output);
    expect(output).toBe("PASS a\n\nFAIL b\nAssertionError: expected 3, got 4");
    expect(String(data(records, "phase_failed").error)).toMatch(/\nFAIL b\nAssertionError: /);
  });

  it("says a command was not found (127), and records a crash by SIGSEGV as 139", async () => {
    const [missing, crashed] = await Promise.all([
      failingRun("verify", "phaser-no-such-command --flag"),
      failingRun("verify", node(`process.kill(process.pid, "SIGSEGV")`)),
    ]);
    expect(data(missing, "verification_failed")).toMatchObject({ exit_code: 127 });
    expect(String(data(missing, "verification_failed").output)).toMatch(/not found/);
    expect(String(data(missing, "phase_failed").error)).toMatch(
      /exit code 127 \(command not found\): phaser-no-such-command --flag\n.*not found/,
    );
    expect(data(crashed, "verification_failed")).toMatchObject({ exit_code: 139 });
    expect(String(data(crashed, "phase_failed").error)).toMatch(
      /exit code 139 \(killed by SIGSEGV\)/,
    );
  });
});
