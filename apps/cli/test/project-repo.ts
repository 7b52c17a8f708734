import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { tempDir } from "./run-cli.js";

/** Runs git in `dir` with a fixed identity and without the outer repository's variables. */
export function git(dir: string, ...args: string[]): string {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_")),
  );
  return execFileSync(
    "git",
    [
      "-c",
      "user.name=Test",
      "-c",
      "user.email=test@phaser.invalid",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    { cwd: dir, env, encoding: "utf8" },
  ).trim();
}

/** A new git repository on branch `main` with `files` committed. */
export async function projectRepo(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await tempDir("phaser-cli-project-");
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "-m", "initial");
  return dir;
}

/** Writes `plan` as YAML (or JSON for a `.json` name) into a fresh folder and returns its path. */
export async function writePlan(plan: unknown, name = "plan.yaml"): Promise<string> {
  const path = join(await tempDir("phaser-cli-plan-"), name);
  await writeFile(path, name.endsWith(".json") ? JSON.stringify(plan) : stringify(plan));
  return path;
}

/** A shell command running a Node.js script (quoted for sh). */
export function node(script: string): string {
  return `node -e '${script.replaceAll("'", `'\\''`)}'`;
}
