import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI_PATH } from "./cli-path.js";

// Without vitest imports: test/global-setup.ts runs the CLI too, outside any test file.

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh, empty directory under the OS temp folder. */
export function tempDir(prefix = "phaser-cli-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * The environment of a CLI under test: this one with the store set to
 * `storageDir`, colours off, and no `FORCE_COLOR` or `PHASER_DATABASE_URL`
 * from the developer's shell unless `extra` sets them.
 */
export function cliEnv(storageDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PHASER_STORAGE_DIR: storageDir, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  delete env.PHASER_DATABASE_URL;
  // A traced CI job sets these; the tests give them only where they are the point.
  delete env.TRACEPARENT;
  delete env.TRACESTATE;
  return { ...env, ...extra };
}

/**
 * Runs `node dist/cli.js ...args` as a child process, with `PHASER_STORAGE_DIR`
 * set to `storageDir`, colours off (`NO_COLOR=1`) and the OS temp folder as cwd.
 */
export function runCli(
  args: readonly string[],
  storageDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const env = cliEnv(storageDir, extraEnv);
  return collectOutput(spawn(process.execPath, [CLI_PATH, ...args], { cwd: tmpdir(), env }));
}

/**
 * Runs `script` in bash, where `phaser-events` runs the built CLI, with the
 * environment {@link runCli} gives it.
 */
export function runBash(script: string, storageDir: string): Promise<CliResult> {
  const env = cliEnv(storageDir, { PHASER_CLI: CLI_PATH, NODE: process.execPath });
  const prelude = 'phaser-events() { "$NODE" "$PHASER_CLI" "$@"; }\n';
  return collectOutput(spawn("bash", ["-c", prelude + script], { cwd: tmpdir(), env }));
}

/** Resolves with a child's exit code and everything it printed, once it has exited. */
export function collectOutput(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
