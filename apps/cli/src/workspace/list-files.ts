import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import ignore, { type Ignore } from "ignore";
import { cleanGitEnv } from "./git.js";

const run = promisify(execFile);

/**
 * The files of a project that `.gitignore` does not exclude, as `/`-separated
 * paths relative to `dir`. In a git repository git itself answers (tracked
 * files plus untracked ones not ignored, with every `.gitignore`, `.git/info/exclude`
 * and the global excludes file); elsewhere the `.gitignore` files found while
 * walking the folder apply, through the `ignore` package (git's own matching
 * rules), and `.git` is never entered.
 */
export async function listProjectFiles(dir: string): Promise<string[]> {
  const fromGit = await gitFiles(dir);
  const files = fromGit ?? (await walk(dir, "", []));
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function gitFiles(dir: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run(
      "git",
      ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate"],
      { cwd: dir, env: cleanGitEnv(), maxBuffer: 256 * 1024 * 1024, windowsHide: true },
    );
    return stdout.split("\0").filter((path) => path !== "");
  } catch {
    return undefined; // not a repository, or no git
  }
}

interface Rules {
  /** The folder the `.gitignore` sits in, `` for the root, else ending in `/`. */
  readonly base: string;
  readonly ignore: Ignore;
}

async function walk(
  root: string,
  prefix: string,
  files: string[],
  rules: readonly Rules[] = [],
): Promise<string[]> {
  const folder = join(root, prefix);
  const here = await readFile(join(folder, ".gitignore"), "utf8").then(
    (text) => [...rules, { base: prefix, ignore: ignore().add(text) }],
    () => rules,
  );
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name === ".git") continue;
    const path = `${prefix}${entry.name}`;
    const directory = entry.isDirectory();
    if (here.some((r) => r.ignore.ignores(`${path.slice(r.base.length)}${directory ? "/" : ""}`))) {
      continue;
    }
    if (directory) await walk(root, `${path}/`, files, here);
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
