import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI_PATH } from "./cli-path.js";

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
 * Runs `node dist/cli.js ...args` as a child process, with `PHASER_STORAGE_DIR`
 * set to `storageDir`, colours off (`NO_COLOR=1`) and the OS temp folder as cwd.
 */
export function runCli(args: readonly string[], storageDir: string): Promise<CliResult> {
  const cwd = tmpdir();
  const env: NodeJS.ProcessEnv = { ...process.env, PHASER_STORAGE_DIR: storageDir, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd, env });
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
