import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { oneLine } from "../src/export/summary/markdown-text.js";
import { nodes, parse, textOf } from "./fixtures/markdown-tree.js";
import { readCommand } from "./fixtures/workflow-commands.js";
import { node, projectRepo, writePlan } from "./project-repo.js";
import { readStore, runCli, tempDir } from "./run-cli.js";

describe("export --format markdown and github of other runs", () => {
  it("writes nothing for an audit that passed", async () => {
    const dir = await tempDir();
    const plan = await writePlan({
      project: "p",
      slug: "green",
      phases: [{ title: "Ok", verify: [node("process.exit(0)")] }],
    });
    const cwd = await projectRepo({ "README.md": "# p\n" });
    expect((await runCli(["run", plan, "--cwd", cwd], dir)).code).toBe(0);
    const result = await runCli(["export", "--format", "github", "--audit", "latest"], dir);
    expect([result.code, result.stdout]).toEqual([0, ""]);
    const markdown = await runCli(["export", "--format", "markdown", "--audit", "latest"], dir);
    expect(markdown.stdout).toMatch(/^## ✅ p › green: completed\n/);
    expect(markdown.stdout).not.toContain("### Failing checks");
  });

  it("reports a phase that failed without a failing check, and a check that printed nothing", async () => {
    const dir = await tempDir();
    const cwd = await projectRepo({ "README.md": "# p\n" });
    const plans = [
      { title: "Apply", run: node('console.error("patch <rejected>"); process.exit(4)') },
      { title: "Quiet", verify: [node("process.exit(2)")] },
    ];
    for (const phase of plans) {
      const plan = await writePlan({ project: "p", slug: phase.title, phases: [phase] });
      expect((await runCli(["run", plan, "--cwd", cwd], dir)).code).toBe(1);
    }
    const markdown = await runCli(["export", "--format", "markdown"], dir);
    const error = (await readStore(dir)).events.find((r) => r.type === "phase_failed")?.data.error;
    expect(error).toEqual(expect.any(String));
    const items = nodes(parse(markdown.stdout)).filter((n) => n.type === "listItem");
    expect(items.map(textOf)).toEqual([`Phase 1 · Apply failed: ${oneLine(String(error))}`]);
    expect(markdown.stdout).toContain(
      "<details><summary>Phase 1 · node -e 'process.exit(2)' · exit code 2</summary>",
    );
    expect(markdown.stdout).toContain("No output was recorded.");
    const github = await runCli(["export", "--format", "github"], dir);
    expect(github.stdout.trimEnd().split("\n").map(readCommand)).toEqual([
      {
        command: "error",
        properties: { title: "Phase 1: Apply failed" },
        data: oneLine(String(error)),
      },
      {
        command: "error",
        properties: { title: "Phase 1: node -e 'process.exit(2)'" },
        data: "node -e 'process.exit(2)': exit code 2",
      },
    ]);
  });

  it("summarises every audit without --audit, and writes to --out what it prints", async () => {
    const dir = await tempDir();
    const plan = await writePlan({
      project: "p",
      slug: "twice",
      phases: [{ title: "Ok", verify: [node("process.exit(0)")] }],
    });
    const cwd = await projectRepo({ "README.md": "# p\n" });
    for (let i = 0; i < 2; i++)
      expect((await runCli(["run", plan, "--cwd", cwd], dir)).code).toBe(0);
    const all = await runCli(["export", "--format", "markdown"], dir);
    expect(all.stdout.match(/^## ✅ p › twice: completed$/gm)?.length).toBe(2);
    const latest = await runCli(["export", "--format", "markdown", "--audit", "latest"], dir);
    const out = join(dir, "summary.md");
    const written = await runCli(
      ["export", "--format", "markdown", "--audit", "latest", "--out", out],
      dir,
    );
    expect(written.code, written.stderr).toBe(0);
    expect(await readFile(out, "utf8")).toBe(latest.stdout);
    expect(all.stdout.endsWith(latest.stdout)).toBe(true);
  });
});
