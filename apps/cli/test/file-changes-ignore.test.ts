import { execFileSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parsePlan } from "../src/plan/load-plan.js";
import { listProjectFiles } from "../src/workspace/list-files.js";
import { tempDir } from "./run-cli.js";

let dir: string;

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A project with source, data, and the build noise tools leave behind. */
async function project(): Promise<void> {
  dir = await tempDir();
  const files: Record<string, string> = {
    "src/app.py": "print(1)\n",
    "src/__pycache__/app.cpython-312.pyc": "\0bytecode",
    "tool.pyo": "\0",
    "node_modules/pkg/index.js": "x",
    ".venv/lib/site.py": "x",
    "dist/bundle.js": "built",
    "build/out.o": "o",
    "data/rows.csv": "a,b\n",
    "notes.log": "l",
    ".phaser/events.json": "{}",
    ".DS_Store": "d",
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

const everything = [
  ".DS_Store",
  ".phaser/events.json",
  ".venv/lib/site.py",
  "build/out.o",
  "data/rows.csv",
  "dist/bundle.js",
  "node_modules/pkg/index.js",
  "notes.log",
  "src/__pycache__/app.cpython-312.pyc",
  "src/app.py",
  "tool.pyo",
];

function git(...args: string[]): void {
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t.invalid", ...args], {
    cwd: dir,
    stdio: "ignore",
  });
}

describe("listProjectFiles: default ignores and the plan's ignore:", () => {
  it("outside git: hides build noise, the plan's patterns, and brings back what a `!` names", async () => {
    await project();
    expect(await listProjectFiles(dir)).toEqual(["data/rows.csv", "notes.log", "src/app.py"]);
    expect(await listProjectFiles(dir, { ignore: { defaults: false } })).toEqual(everything);
    expect(
      await listProjectFiles(dir, { ignore: { patterns: ["*.log", "/data/", "!dist/"] } }),
    ).toEqual(["dist/bundle.js", "src/app.py"]);
  });

  it("in git: the defaults hide untracked noise only, the plan's patterns tracked files too", async () => {
    await project();
    git("init", "--quiet");
    git("add", "src/app.py", "dist/bundle.js", "data/rows.csv");
    git("commit", "--quiet", "-m", "one");
    // dist/ is the project's (tracked); the rest of the noise is not.
    expect(await listProjectFiles(dir)).toEqual([
      "data/rows.csv",
      "dist/bundle.js",
      "notes.log",
      "src/app.py",
    ]);
    expect(await listProjectFiles(dir, { ignore: { defaults: false } })).toEqual(everything);
    expect(
      await listProjectFiles(dir, { ignore: { patterns: ["*.csv", "*.log", "dist/", "!build/"] } }),
    ).toEqual(["build/out.o", "src/app.py"]);
  });
});

describe("the plan's ignore: and default_ignores:", () => {
  const plan = { project: "p", slug: "s", phases: [{ title: "t" }] };

  it("default to no patterns and the default ignores on", () => {
    expect(parsePlan(plan, "plan.yaml")).toMatchObject({ ignore: [], default_ignores: true });
    expect(
      parsePlan({ ...plan, ignore: ["*.log", "!dist/"], default_ignores: false }, "plan.yaml"),
    ).toMatchObject({ ignore: ["*.log", "!dist/"], default_ignores: false });
  });

  it("refuse a pattern that is not one line, naming it", () => {
    expect(() => parsePlan({ ...plan, ignore: ["ok", "a\nb"] }, "plan.yaml")).toThrow(
      /plan\.yaml.*ignore\[1\].*no line break/,
    );
    expect(() => parsePlan({ ...plan, default_ignores: "no" }, "plan.yaml")).toThrow(
      /default_ignores/,
    );
  });
});
