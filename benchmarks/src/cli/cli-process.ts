/**
 * The CLI as a user runs it: `node <@phaser/events-cli's bin> …` in a process of its own,
 * with its CPU time and peak RSS taken by the usage probe, and its standard output kept.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { now } from "../util.js";

const require = createRequire(import.meta.url);

/** The `phaser-events` bin of the workspace's CLI package (which loads its build). */
export const CLI_BIN = join(
  dirname(require.resolve("@phaser/events-cli/package.json")),
  "bin",
  "phaser-events.js",
);

/** dist/usage-probe.js, built beside this file's bundle. */
const PROBE = fileURLToPath(new URL("./usage-probe.js", import.meta.url));

/** What a measured Node process cost itself (not its children). */
export interface Usage {
  readonly cpuMs: number;
  readonly maxRssBytes: number;
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From the spawn to the exit, as the parent saw it. */
  readonly wallMs: number;
  /** When the parent saw the exit (`performance.now()`). */
  readonly exitedAt: number;
  /** `undefined` when the process died before its exit handlers ran. */
  readonly usage: Usage | undefined;
}

let probes = 0;

/**
 * Runs `node --import usage-probe <args…>` in `cwd` and resolves when it has exited.
 * `started` is called once the process is spawned, with its pid, for a caller
 * that signals it.
 */
export function runNode(
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly tmp: string;
    readonly env?: NodeJS.ProcessEnv;
    readonly started?: (pid: number) => void;
  },
): Promise<Finished> {
  const usageFile = join(options.tmp, `usage-${process.pid}-${++probes}.json`);
  const start = now();
  const child = spawn(process.execPath, ["--import", PROBE, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PHASER_BENCH_USAGE: usageFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  let exitedAt = Number.NaN;
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("spawn", () => options.started?.(child.pid as number));
    child.on("exit", () => {
      exitedAt = now();
    });
    // "close" comes after "exit", once the output pipes are drained too.
    child.on("close", (code: number | null, signal: NodeJS.Signals | null) => {
      const usage = readUsage(usageFile);
      resolve({ code, signal, stdout, stderr, exitedAt, wallMs: exitedAt - start, usage });
    });
  });
}

function readUsage(file: string): Usage | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Usage;
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Runs `phaser-events <args…>`. */
export function runCli(
  args: readonly string[],
  options: Parameters<typeof runNode>[1],
): Promise<Finished> {
  return runNode([CLI_BIN, ...args], options);
}

/** A finished process that was expected to succeed, or an error that says how it ended. */
export function succeeded(finished: Finished, what: string): Finished {
  if (finished.code === 0) return finished;
  const how = finished.signal ?? `exit code ${finished.code}`;
  throw new Error(`${what} ended with ${how}: ${finished.stderr.slice(-2000)}`);
}
