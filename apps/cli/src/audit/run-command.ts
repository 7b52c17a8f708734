import { spawn } from "node:child_process";
import { delimiter, dirname } from "node:path";
import { performance } from "node:perf_hooks";

/** How a command ended. */
export interface CommandResult {
  /** The exit code; 124 after a timeout, 128 + the signal's number when a signal killed it. */
  readonly exitCode: number;
  /** Whole milliseconds. */
  readonly durationMs: number;
  /** stdout and stderr, interleaved as they arrived (at most {@link MAX_KEPT_OUTPUT} characters). */
  readonly output: string;
  /** Killed after running longer than `timeoutMs`. */
  readonly timedOut: boolean;
  /** Killed because `signal` aborted (Ctrl-C). */
  readonly aborted: boolean;
}

export interface RunCommandOptions {
  readonly cwd: string;
  /** Kill the command after this many milliseconds. */
  readonly timeoutMs?: number | undefined;
  /** Kill the command when this aborts. */
  readonly signal?: AbortSignal | undefined;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>> | undefined;
}

/** Output kept per command; events keep only the first 1,000 characters anyway. */
export const MAX_KEPT_OUTPUT = 64 * 1024;
/** After SIGTERM, how long a command has to exit before SIGKILL. */
const KILL_GRACE_MS = 2000;
/** The exit code `timeout(1)` uses for a command it killed. */
export const TIMEOUT_EXIT_CODE = 124;

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * Runs `command` through the shell in `cwd`. On POSIX it runs in its own
 * process group, so a timeout or an abort stops the command and everything it
 * started (SIGTERM, then SIGKILL after two seconds), not just the shell.
 */
export function runCommand(command: string, options: RunCommandOptions): Promise<CommandResult> {
  const started = performance.now();
  const group = process.platform !== "win32";
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      cwd: options.cwd,
      shell: true,
      detached: group,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PATH: pathWithNode(), ...options.env },
      windowsHide: true,
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      if (output.length < MAX_KEPT_OUTPUT) output += chunk.toString("utf8");
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);

    let timedOut = false;
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (signal: NodeJS.Signals) => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    const stop = () => {
      kill("SIGTERM");
      killTimer = setTimeout(() => kill("SIGKILL"), KILL_GRACE_MS);
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stop();
          }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });

    child.on("error", (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", onAbort);
      const exitCode = timedOut
        ? TIMEOUT_EXIT_CODE
        : (code ?? 128 + (signal === null ? 0 : (SIGNAL_NUMBERS[signal] ?? 0)));
      resolve({
        exitCode,
        durationMs: Math.round(performance.now() - started),
        output: output.slice(0, MAX_KEPT_OUTPUT).trimEnd(),
        timedOut,
        aborted,
      });
    });
  });
}

/** `PATH`, with this Node.js binary's folder last: `node` in a plan works even when Node was started by its full path. */
function pathWithNode(): string {
  const path = process.env.PATH ?? "";
  return path === ""
    ? dirname(process.execPath)
    : `${path}${delimiter}${dirname(process.execPath)}`;
}
