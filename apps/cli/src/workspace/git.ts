import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cliIo } from "../io/cli-io.js";

const run = promisify(execFile);

/** Branch and commit of a git repository, as `audit_started` records them. */
export interface GitInfo {
  readonly git_branch: string;
  readonly git_commit: string;
}

/**
 * The environment without `GIT_*` variables: run from a git hook, `GIT_DIR` or
 * `GIT_INDEX_FILE` would otherwise point these commands at the outer repository.
 */
export function cleanGitEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(cliIo().env).filter(([name]) => !name.startsWith("GIT_")),
  );
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const options = { cwd, env: cleanGitEnv(), timeout: 5000, windowsHide: true };
  const { stdout } = await run("git", [...args], options);
  return stdout.trim();
}

/**
 * Makes `dir` a git repository on branch `main` with one commit of its files
 * and returns its branch and commit. Resolves with `undefined` when git is
 * missing or fails: the demo then leaves the git fields out.
 */
export async function commitWorkspace(dir: string, message: string): Promise<GitInfo | undefined> {
  const identity = ["-c", "user.name=Phaser demo", "-c", "user.email=demo@phaser.invalid"];
  try {
    await git(dir, ["init", "--quiet", "--initial-branch=main"]);
    await git(dir, ["add", "--all"]);
    await git(dir, [
      ...identity,
      "-c",
      "commit.gpgsign=false",
      "commit",
      "--quiet",
      "--no-verify",
      "-m",
      message,
    ]);
  } catch {
    return undefined;
  }
  return readGitInfo(dir);
}

/**
 * The branch and commit of the git repository `dir` is in, or `undefined`
 * when it is in none (or git is missing, or the repository has no commit yet).
 * A detached HEAD reports the branch `HEAD`.
 */
export async function readGitInfo(dir: string): Promise<GitInfo | undefined> {
  try {
    const [branch, commit] = await Promise.all([
      git(dir, ["rev-parse", "--abbrev-ref", "HEAD"]),
      git(dir, ["rev-parse", "HEAD"]),
    ]);
    return branch !== "" && commit !== "" ? { git_branch: branch, git_commit: commit } : undefined;
  } catch {
    return undefined;
  }
}
