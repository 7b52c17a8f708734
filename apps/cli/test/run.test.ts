import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { isRunning } from "./process-state.js";
import { git, node, projectRepo, writePlan } from "./project-repo.js";
import { readStore, runCli, type StoredRecord, startCli, tempDir } from "./run-cli.js";

let storageDir: string;
beforeEach(async () => {
  storageDir = await tempDir();
});

const ofType = (records: readonly StoredRecord[], type: string) =>
  records.filter((r) => r.type === type);
const types = (records: readonly StoredRecord[]) =>
  records.map((r) => `${r.type}${r.phase === null ? "" : `:${r.phase}`}`);

describe("phaser-events run: a passing plan", () => {
  it("emits the audit from audit_started to audit_completed, exit 0", async () => {
    const cwd = await projectRepo({
      "README.md": "# p\n\nline\n",
      "old.txt": "bye\n",
      ".gitignore": "ignored/\n",
    });
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [
        {
          title: "Change files",
          file: "phases/1.md",
          run: node(
            `const fs = require("fs"); fs.writeFileSync("new.txt", "a\\nb\\n"); fs.appendFileSync("README.md", "more\\nlines\\n"); fs.rmSync("old.txt"); fs.mkdirSync("ignored"); fs.writeFileSync("ignored/cache", "x");`,
          ),
          verify: [node("process.exit(0)"), node("console.log('ok')")],
        },
        { title: "Later", skip: true },
        { title: "Check again", verify: [node("process.exit(0)")] },
      ],
    });
    const result = await runCli(["run", plan, "--cwd", cwd], storageDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/audit .* completed/);
    const records = (await readStore(storageDir)).events;
    expect(types(records)).toEqual([
      "audit_started",
      "phase_started:1",
      "file_modified:1",
      "file_created:1",
      "file_deleted:1",
      "verification_passed:1",
      "verification_passed:1",
      "phase_completed:1",
      "phase_skipped:2",
      "phase_started:3",
      "verification_passed:3",
      "phase_completed:3",
      "audit_completed",
    ]);
    expect(records[0]?.data).toEqual({
      project: "p",
      slug: "s",
      phases_total: 3,
      git_branch: "main",
      git_commit: git(cwd, "rev-parse", "HEAD"),
      trace_id: records[0]?.audit_id.replaceAll("-", ""),
    });
    expect(records[1]?.data).toEqual({ description: "Change files", file: "phases/1.md" });
    expect(ofType(records, "phase_skipped")[0]?.data).toEqual({ reason: "user_request" });
    expect(ofType(records, "phase_completed")[0]?.data).toMatchObject({
      files_created: 1,
      files_modified: 1,
      verification_count: 2,
    });
    expect(ofType(records, "audit_completed")[0]?.data).toMatchObject({
      phases_completed: 2,
      phases_skipped: 1,
      files_created: 1,
      files_modified: 1,
      files_deleted: 1,
    });
    expect(new Set(records.map((r) => r.audit_id)).size).toBe(1);
  });

  it("reports exactly the files git sees changed, with git's line counts, and nothing .gitignore excludes", async () => {
    const cwd = await projectRepo({
      "src/a.js": "one\ntwo\nthree\n",
      "src/b.js": "keep\n",
      "gone.md": "x\n",
      ".gitignore": "*.log\nbuild/\n",
    });
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [
        {
          title: "Edit",
          run: node(
            `const fs = require("fs"); fs.writeFileSync("src/a.js", "one\\n2\\nthree\\nfour\\n"); fs.writeFileSync("src/c.js", "new\\n"); fs.rmSync("gone.md"); fs.writeFileSync("debug.log", "noise"); fs.mkdirSync("build"); fs.writeFileSync("build/out.js", "x");`,
          ),
          verify: [],
        },
      ],
    });
    expect((await runCli(["run", plan, "--cwd", cwd], storageDir)).code).toBe(0);
    const records = (await readStore(storageDir)).events;
    const fileEvents = records.filter((r) => r.type.startsWith("file_"));

    const numstat = git(cwd, "diff", "--numstat")
      .split("\n")
      .map((line) => line.split("\t"))
      .filter(([added]) => added !== "-")
      .map(([added, removed, path]) => ({ path, added: Number(added), removed: Number(removed) }));
    const modified = ofType(fileEvents, "file_modified").map((r) => ({
      path: r.data.path,
      added: r.data.lines_added,
      removed: r.data.lines_removed,
    }));
    expect(modified).toEqual(numstat.filter((m) => m.path !== "gone.md"));
    const untracked = git(cwd, "ls-files", "--others", "--exclude-standard").split("\n");
    expect(ofType(fileEvents, "file_created").map((r) => r.data.path)).toEqual(untracked);
    expect(ofType(fileEvents, "file_deleted").map((r) => r.data.path)).toEqual(
      git(cwd, "ls-files", "--deleted").split("\n"),
    );
    const sizes = await Promise.all(
      ofType(fileEvents, "file_modified").map(
        async (r) => (await readFile(join(cwd, String(r.data.path)))).length,
      ),
    );
    expect(ofType(fileEvents, "file_modified").map((r) => r.data.size_bytes)).toEqual(sizes);
  });

  it("reads plan.json as JSON", async () => {
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const plan = await writePlan(
      { project: "p", slug: "json", phases: [{ title: "t", verify: [] }] },
      "plan.json",
    );
    expect((await runCli(["run", plan, "--cwd", cwd], storageDir)).code).toBe(0);
    expect((await readStore(storageDir)).events[0]?.data).toMatchObject({ slug: "json" });
  });
});

describe("phaser-events run: failures", () => {
  it("fails a phase after its retries, skips the rest and abandons the audit, exit 1", async () => {
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [
        { title: "Fine", verify: [node("process.exit(0)")] },
        {
          title: "Broken",
          verify: [
            node(`process.stdout.write("x".repeat(3000)); process.exitCode = 3`),
            node("process.exit(0)"),
          ],
          retries: 2,
        },
        { title: "Never", verify: [] },
        { title: "Never either", verify: [] },
      ],
    });
    const result = await runCli(["run", plan, "--cwd", cwd], storageDir);
    expect(result.code).toBe(1);
    const records = (await readStore(storageDir)).events;
    const failures = ofType(records, "verification_failed");
    expect(failures).toHaveLength(3);
    for (const failure of failures) {
      expect(failure.data.exit_code).toBe(3);
      // Start and end kept, the middle cut: 3,000 characters in 1,000 at most.
      expect(String(failure.data.output)).toMatch(/^x{200}\n\[… \d+ characters cut …\]\nx+$/);
      expect(String(failure.data.output).length).toBeLessThanOrEqual(1000);
      expect(typeof failure.data.duration_ms).toBe("number");
    }
    expect(ofType(records, "phase_failed")[0]).toMatchObject({ phase: 2, data: { attempts: 3 } });
    expect(ofType(records, "phase_skipped").map((r) => [r.phase, r.data.reason])).toEqual([
      [3, "dependency_failed"],
      [4, "dependency_failed"],
    ]);
    expect(records.at(-1)).toMatchObject({
      type: "audit_abandoned",
      data: { reason: "error", phases_completed: 1, phases_remaining: 2 },
    });
  });

  it("fails the phase when its run command fails", async () => {
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [{ title: "t", run: "exit 7", verify: [] }],
    });
    expect((await runCli(["run", plan, "--cwd", cwd], storageDir)).code).toBe(1);
    const records = (await readStore(storageDir)).events;
    expect(ofType(records, "phase_failed")[0]?.data.error).toBe(
      "Run command failed with exit code 7: exit 7",
    );
  });

  it("kills a command past --timeout and abandons the audit with reason timeout", async () => {
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [
        { title: "Hangs", verify: [node("setTimeout(() => {}, 60000)")] },
        { title: "After", verify: [] },
      ],
    });
    const result = await runCli(["run", plan, "--cwd", cwd, "--timeout", "1"], storageDir);
    expect(result.code).toBe(1);
    const records = (await readStore(storageDir)).events;
    expect(ofType(records, "verification_failed")[0]?.data).toMatchObject({ exit_code: 124 });
    expect(Number(ofType(records, "verification_failed")[0]?.data.duration_ms)).toBeLessThan(
      30_000,
    );
    expect(ofType(records, "phase_failed")[0]?.data.error).toMatch(/timed out/);
    expect(ofType(records, "phase_skipped")[0]).toMatchObject({
      phase: 2,
      data: { reason: "dependency_failed" },
    });
    expect(records.at(-1)).toMatchObject({ type: "audit_abandoned", data: { reason: "timeout" } });
  });
});

describe("phaser-events run: Ctrl-C", () => {
  it("on SIGINT stops the running command, abandons with user_request and exits 130", async () => {
    const cwd = await projectRepo({ ".gitignore": "pid\n" });
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [
        {
          title: "Long",
          run: node(
            `require("fs").writeFileSync("pid", String(process.pid)); console.log("child ready"); setTimeout(() => {}, 60000)`,
          ),
          verify: [],
        },
      ],
    });
    const cli = startCli(["run", plan, "--cwd", cwd], storageDir);
    await cli.waitFor(/phase 1 started/);
    // The child writes its pid before it idles: wait for it on disk (polling every 10 ms, not
    // in a loop of reads that takes a core from the processes it waits for).
    let pid = "";
    while (pid === "") {
      pid = await readFile(join(cwd, "pid"), "utf8").catch(() => "");
      if (pid === "") await sleep(10);
    }
    cli.child.kill("SIGINT");
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(isRunning(Number(pid))).toBe(false); // the command was stopped too
    const records = (await readStore(storageDir)).events;
    // The interrupted phase is closed, so every phase_started has its end (and CI reports show it).
    expect(records.at(-2)).toMatchObject({
      type: "phase_failed",
      phase: 1,
      data: { error: expect.stringMatching(/^Interrupted while running: node -e/), attempts: 1 },
    });
    expect(records.at(-1)).toMatchObject({
      type: "audit_abandoned",
      data: { reason: "user_request", phases_completed: 0, phases_remaining: 0 },
    });
  });
});

describe("phaser-events run: SIGTERM", () => {
  it("abandons with user_request like Ctrl-C, and exits 143", async () => {
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [{ title: "Long", run: node("setTimeout(() => {}, 60000)"), verify: [] }],
    });
    const cli = startCli(["run", plan, "--cwd", cwd], storageDir);
    await cli.waitFor(/phase 1 started/);
    cli.child.kill("SIGTERM");
    expect((await cli.done).code).toBe(143);
    const records = (await readStore(storageDir)).events;
    expect(records.at(-1)).toMatchObject({
      type: "audit_abandoned",
      data: { reason: "user_request" },
    });
  });
});

describe("phaser-events run: usage and plan errors exit 2", () => {
  const cases: [string, unknown, RegExp][] = [
    [
      "a negative retries",
      { project: "p", slug: "s", phases: [{ title: "t", retries: -1 }] },
      /at phases\[0\]\.retries/,
    ],
    [
      "a misspelt key",
      { project: "p", slug: "s", phases: [{ title: "t", verfy: [] }] },
      /at phases\[0\]\.verfy: unknown key; did you mean "verify"\?/,
    ],
    ["no phases", { project: "p", slug: "s", phases: [] }, /at phases:/],
    ["a missing project", { slug: "s", phases: [{ title: "t" }] }, /at project:/],
    [
      "a command that is not a string",
      { project: "p", slug: "s", phases: [{ title: "t", verify: [1] }] },
      /at phases\[0\]\.verify\[0\]/,
    ],
  ];
  for (const [name, content, field] of cases) {
    it(`refuses a plan with ${name}, naming the path and the field`, async () => {
      const plan = await writePlan(content);
      const result = await runCli(["run", plan], storageDir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`invalid plan ${plan}`);
      expect(result.stderr).toMatch(field);
      await expect(readStore(storageDir)).rejects.toThrow(/ENOENT/);
    });
  }

  it("refuses a NUL in a command, and every other problem with it, before the audit starts", async () => {
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const plan = await writePlan(
      {
        project: "p",
        slug: "s",
        phases: [{ title: "t", run: "echo a\u0000b", verfy: ["true"] }],
      },
      "plan.json",
    );
    const result = await runCli(["run", plan, "--cwd", cwd], storageDir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`invalid plan ${plan}: 2 problems`);
    expect(result.stderr).toMatch(/at phases\[0\]\.run: contains a NUL character/);
    expect(result.stderr).toMatch(/at phases\[0\]\.verfy: unknown key; did you mean "verify"\?/);
    expect(result.stderr).not.toMatch(/unexpected error/);
    await expect(readStore(storageDir)).rejects.toThrow(/ENOENT/);
  });

  it("refuses a missing plan, YAML that does not parse, a bad --timeout and a --cwd that is no folder", async () => {
    const missing = await runCli(["run", "/nonexistent/plan.yaml"], storageDir);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("no such file")]);
    const broken = await writePlan("x");
    await import("node:fs/promises").then((fs) => fs.writeFile(broken, "project: [unclosed"));
    expect((await runCli(["run", broken], storageDir)).stderr).toMatch(/not valid YAML/);
    const plan = await writePlan({ project: "p", slug: "s", phases: [{ title: "t" }] });
    expect((await runCli(["run", plan, "--timeout", "soon"], storageDir)).code).toBe(2);
    const noDir = await runCli(["run", plan, "--cwd", "/nonexistent"], storageDir);
    expect([noDir.code, noDir.stderr]).toEqual([2, expect.stringContaining("is not a directory")]);
  });
});
