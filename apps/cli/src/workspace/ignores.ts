import ignore, { type Ignore } from "ignore";

/**
 * Build noise a project's `.gitignore` often forgets, in gitignore syntax:
 * what tools write while a plan's commands run, never a project's source.
 * Hidden unless the plan sets `default_ignores: false`; a `!pattern` in the
 * plan's `ignore:` brings one back. In a git repository they hide only
 * untracked files: a file git tracks is the project's, wherever it is.
 */
export const DEFAULT_IGNORES: readonly string[] = [
  // Python: bytecode, virtual environments, tool caches, packaging.
  "__pycache__/",
  "*.py[cod]",
  ".venv/",
  "venv/",
  ".tox/",
  ".nox/",
  ".pytest_cache/",
  ".mypy_cache/",
  ".ruff_cache/",
  ".hypothesis/",
  "*.egg-info/",
  ".coverage",
  "htmlcov/",
  // JavaScript and TypeScript: dependencies, framework and tool caches.
  "node_modules/",
  ".next/",
  ".nuxt/",
  ".turbo/",
  ".parcel-cache/",
  ".nyc_output/",
  "*.tsbuildinfo",
  // Build output and coverage of most toolchains (Rust's and Maven's `target/`).
  "dist/",
  "build/",
  "target/",
  "coverage/",
  // Operating systems.
  ".DS_Store",
  "Thumbs.db",
  // This tool's own store (`.phaser/events.json`), written while the audit runs.
  ".phaser/",
];

/** Which files, beyond what `.gitignore` excludes, a file tracker leaves out. */
export interface IgnoreOptions {
  /** Gitignore patterns, relative to the project folder (the plan's `ignore:`). */
  readonly patterns?: readonly string[] | undefined;
  /** Whether {@link DEFAULT_IGNORES} apply (the plan's `default_ignores:`); default true. */
  readonly defaults?: boolean | undefined;
}

/** Tests `/`-separated paths relative to the project folder; a directory's path ends in `/`. */
export type PathMatcher = (path: string) => boolean;

/**
 * Matchers for {@link IgnoreOptions}: `untracked` for files git does not
 * track, or any file outside git (defaults, then the plan's patterns, so a
 * plan's `!pattern` wins); `tracked` for files git tracks (the plan's
 * patterns only).
 */
export function ignoreMatchers(options: IgnoreOptions = {}): {
  untracked: PathMatcher;
  tracked: PathMatcher;
} {
  const patterns = options.patterns ?? [];
  const defaults = options.defaults ?? true;
  return {
    untracked: matcher(ignore().add([...(defaults ? DEFAULT_IGNORES : []), ...patterns])),
    tracked: matcher(ignore().add([...patterns])),
  };
}

function matcher(rules: Ignore): PathMatcher {
  return (path) => {
    try {
      return rules.ignores(path);
    } catch {
      return false; // a path the ignore package refuses (absolute, `..`): not one we list
    }
  };
}
