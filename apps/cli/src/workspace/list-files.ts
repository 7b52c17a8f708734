import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import ignore, { type Ignore } from "ignore";
import { cleanGitEnv } from "./git.js";
import { type IgnoreOptions, ignoreMatchers, type PathMatcher } from "./ignores.js";
import { Pacer } from "./pacer.js";

const run = promisify(execFile);

export interface ListOptions {
  /** The plan's `ignore:` patterns and `default_ignores:`. */
  readonly ignore?: IgnoreOptions | undefined;
  /** Rejects with the signal's reason (an `AbortError`) soon after it aborts; git is killed. */
  readonly signal?: AbortSignal | undefined;
  /** Told about what could not be read (a folder, a `.gitignore`); the listing goes on. */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/**
 * The files (and symbolic links) of a project that `.gitignore`, the default
 * ignores and the plan's `ignore:` do not exclude, as `/`-separated paths
 * relative to `dir`, sorted. In a git repository git itself answers (tracked
 * files plus untracked ones not ignored, with every `.gitignore`,
 * `.git/info/exclude` and the global excludes file); elsewhere the
 * `.gitignore` files found while walking the folder apply, through the
 * `ignore` package (git's own matching rules), and `.git` is never entered.
 * A folder that cannot be read is reported to `onWarning` and left out.
 */
export async function listProjectFiles(dir: string, options: ListOptions = {}): Promise<string[]> {
  const pacer = new Pacer(options.signal);
  const matchers = ignoreMatchers(options.ignore);
  const files =
    (await gitFiles(dir, matchers, pacer, options)) ??
    (await walk(dir, "", [], [], { ...options, skip: matchers.untracked, pacer }));
  return files.sort(); // by UTF-16 code units, as `<` compares: the order of every path list here
}

async function gitFiles(
  dir: string,
  matchers: { untracked: PathMatcher; tracked: PathMatcher },
  pacer: Pacer,
  options: ListOptions,
): Promise<string[] | undefined> {
  let output: { stdout: string; stderr: string };
  try {
    // One git for both lists (a spawn costs more than the listing): `-t` tags untracked files `? `.
    const args = ["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard"];
    output = await run("git", [...args, "--deduplicate"], {
      cwd: dir,
      env: cleanGitEnv(),
      maxBuffer: 256 * 1024 * 1024,
      windowsHide: true,
      signal: options.signal,
    });
  } catch {
    options.signal?.throwIfAborted();
    return undefined; // not a repository, or no git
  }
  // "warning: could not open directory 'x/': Permission denied", and the like.
  for (const line of output.stderr.split("\n")) {
    if (line.trim() !== "") options.onWarning?.(`git: ${line.replace(/^warning: /, "")}`);
  }
  const files: string[] = [];
  const entries = output.stdout.split("\0");
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as string;
    if (entry.length < 3) continue;
    const path = entry.slice(2);
    const skip = entry.startsWith("?") ? matchers.untracked : matchers.tracked;
    if (!skip(path)) files.push(path);
    // Matching costs some 10 µs a path (100,000 paths: over a second): yield as it goes.
    if ((i & 255) === 255) await pacer.step(256 * 64);
  }
  return files;
}

interface Rules {
  /** The folder the `.gitignore` sits in, `` for the root, else ending in `/`. */
  readonly base: string;
  readonly ignore: Ignore;
}

interface WalkOptions extends ListOptions {
  /** The default and plan ignores, which no `.gitignore` can undo. */
  readonly skip: PathMatcher;
  readonly pacer: Pacer;
}

async function walk(
  root: string,
  prefix: string,
  files: string[],
  rules: readonly Rules[],
  options: WalkOptions,
): Promise<string[]> {
  const folder = join(root, prefix);
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    options.pacer.check();
    if (code !== "ENOENT" && code !== "ENOTDIR") {
      options.onWarning?.(
        `cannot read folder ${prefix || "./"} (${code}): its files are not watched`,
      );
    }
    return files;
  }
  const here = await readRules(folder, prefix, rules, options);
  for (const entry of entries) {
    if (entry.name === ".git") continue;
    const path = `${prefix}${entry.name}`;
    const directory = entry.isDirectory();
    const asTested = `${path}${directory ? "/" : ""}`;
    if (options.skip(asTested)) continue;
    if (here.some((r) => r.ignore.ignores(asTested.slice(r.base.length)))) continue;
    if (directory) await walk(root, `${path}/`, files, here, options);
    else if (entry.isFile() || entry.isSymbolicLink()) files.push(path);
    await options.pacer.step(64);
  }
  return files;
}

/** `rules` and those of the `.gitignore` in `folder`, if it has one. */
async function readRules(
  folder: string,
  prefix: string,
  rules: readonly Rules[],
  options: WalkOptions,
): Promise<readonly Rules[]> {
  try {
    const text = await readFile(join(folder, ".gitignore"), "utf8");
    return [...rules, { base: prefix, ignore: ignore().add(text) }];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR" && code !== "EISDIR") {
      options.onWarning?.(`cannot read ${prefix}.gitignore (${code}): its rules do not apply`);
    }
    return rules;
  }
}
