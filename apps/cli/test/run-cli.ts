import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { CLI_PATH } from "./cli-path.js";
import { type CliResult, cliEnv, tempDir } from "./spawn-cli.js";

export { runCli } from "./in-process-cli.js";
export { type CliResult, runBash, runCli as runCliProcess, tempDir } from "./spawn-cli.js";

/**
 * For a test file: `freshDir()` makes an empty temp directory, and every one
 * it made is removed after the file's tests. Call at the file's top level.
 */
export function tempDirsRemovedAfterAll(): () => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return async () => {
    const dir = await tempDir();
    dirs.push(dir);
    return dir;
  };
}

/** The parsed `events.json` of a storage directory. */
export async function readStore(
  storageDir: string,
): Promise<{ version: unknown; events: StoredRecord[] }> {
  return JSON.parse(await readFile(join(storageDir, "events.json"), "utf8"));
}

/** A record as the tests read it back from disk. */
export interface StoredRecord {
  readonly id: string;
  readonly type: string;
  readonly timestamp: string;
  readonly audit_id: string;
  readonly phase: number | null;
  readonly data: Record<string, unknown>;
}

/** A CLI process that is still running: its output so far, and a way to wait for a line. */
export interface RunningCli {
  readonly child: import("node:child_process").ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Resolves with the result once the process exits. */
  readonly done: Promise<CliResult>;
}

/** Starts `node dist/cli.js ...args` like {@link runCli}, without waiting for it to end. */
export function startCli(
  args: readonly string[],
  storageDir: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): RunningCli {
  const env = cliEnv(storageDir, options.env);
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd ?? tmpdir(), env });
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const waiter of waiters.filter((w) => w.pattern.test(stdout))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    done,
    waitFor(pattern) {
      if (pattern.test(stdout)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void done.then((result) =>
          reject(
            new Error(`exited (${result.code}) before printing ${pattern}:\n${stdout}\n${stderr}`),
          ),
        );
      });
    },
  };
}
