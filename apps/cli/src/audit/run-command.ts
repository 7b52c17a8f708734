import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { constants } from "node:os";
import { delimiter, dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { cliIo } from "../io/cli-io.js";
import { KeptOutput } from "./kept-output.js";
import {
  markedProcesses,
  type ProcessTree,
  runningTrees,
  signalTree,
  TREE_MARK_VARIABLE,
} from "./process-tree.js";

/** How a command ended. */
export interface CommandResult {
  /** The exit code; 124 after a timeout, 128 + the signal's number when a signal killed it. */
  readonly exitCode: number;
  /** Whole milliseconds. */
  readonly durationMs: number;
  /**
   * stdout and stderr, interleaved as they arrived: all of it, or its start
   * and its end (see {@link KeptOutput}).
   */
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
  /** Stop the command when this aborts: SIGTERM, then SIGKILL after a short grace. */
  readonly signal?: AbortSignal | undefined;
  /** SIGKILL the command at once when this aborts (a second Ctrl-C). */
  readonly killSignal?: AbortSignal | undefined;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>> | undefined;
}

/** After a timeout's SIGTERM, how long a command has to exit before SIGKILL. */
const TIMEOUT_GRACE_MS = 2000;
/**
 * After an interrupt's SIGTERM, how long a command has before SIGKILL: short,
 * so that the audit is closed and `run` exits within 2 s of Ctrl-C.
 */
const INTERRUPT_GRACE_MS = 700;
/**
 * After the command's first process exits, how long processes it left behind
 * may keep its output open before they are stopped too.
 */
const LEFTOVER_GRACE_MS = 500;
/** After that, how long the rest of the output may take to arrive before it is given up. */
const LAST_OUTPUT_WAIT_MS = 5000;
/** The exit code `timeout(1)` uses for a command it killed. */
export const TIMEOUT_EXIT_CODE = 124;

/** The shell's exit code for a command killed by `signal`: 128 + its number (SIGSEGV: 139). */
export function exitCodeOfSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

const SIGNAL_NAMES = new Map(
  Object.entries(constants.signals).map(([name, number]) => [128 + number, name]),
);

/** `exit code N`, with what the shell means by it: 126, 127, and 128 + a signal's number. */
export function describeExitCode(exitCode: number): string {
  const meaning =
    exitCode === 127
      ? "command not found"
      : exitCode === 126
        ? "found but not executable"
        : SIGNAL_NAMES.has(exitCode)
          ? `killed by ${SIGNAL_NAMES.get(exitCode)}`
          : undefined;
  return meaning === undefined ? `exit code ${exitCode}` : `exit code ${exitCode} (${meaning})`;
}

/**
 * Runs `command` through the shell in `cwd`. It runs in a session of its own,
 * and every process it starts carries a mark in its environment
 * ({@link TREE_MARK_VARIABLE}), so that a timeout or an interrupt stops the
 * whole tree, including descendants that start sessions of their own.
 * Resolves once the command exited and its output is read; processes it left
 * behind (which may hold its output open) get {@link LEFTOVER_GRACE_MS}, then
 * are stopped (they would otherwise hold the run).
 */
export function runCommand(command: string, options: RunCommandOptions): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const mark = randomUUID();
    const child = spawn(command, {
      cwd: options.cwd,
      shell: true,
      detached: process.platform !== "win32",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...cliIo().env, PATH: pathWithNode(), ...options.env, [TREE_MARK_VARIABLE]: mark },
      windowsHide: true,
    });
    const tree: ProcessTree | undefined =
      child.pid === undefined ? undefined : { pid: child.pid, mark };
    if (tree !== undefined) runningTrees.add(tree);

    const output = new KeptOutput();
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding("utf8");
      stream.on("data", (text: string) => output.add(text));
    }

    let timedOut = false;
    let aborted = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, action: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        action();
      }, ms);
      timers.add(timer);
    };
    const kill = (signal: NodeJS.Signals) => {
      if (tree !== undefined) signalTree(tree, signal);
    };
    const stop = (graceMs: number) => {
      kill("SIGTERM");
      later(graceMs, () => kill("SIGKILL"));
    };
    if (options.timeoutMs !== undefined) {
      later(options.timeoutMs, () => {
        if (exit !== undefined) return;
        timedOut = true;
        stop(TIMEOUT_GRACE_MS);
      });
    }
    const onAbort = () => {
      if (exit !== undefined) return;
      aborted = true;
      stop(INTERRUPT_GRACE_MS);
    };
    const onKill = () => {
      aborted = true;
      kill("SIGKILL");
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.killSignal?.aborted) onKill();
    options.killSignal?.addEventListener("abort", onKill, { once: true });

    let settled = false;
    const cleanUp = () => {
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      options.signal?.removeEventListener("abort", onAbort);
      options.killSignal?.removeEventListener("abort", onKill);
      if (tree !== undefined) runningTrees.delete(tree);
    };
    child.on("error", (error) => {
      if (settled) return;
      cleanUp();
      reject(error);
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // Its output still open after a while: a process the command left behind may hold it.
      later(LEFTOVER_GRACE_MS, () => {
        if (settled || tree === undefined) return;
        if (markedProcesses(tree).length > 0) {
          kill("SIGTERM");
          later(LEFTOVER_GRACE_MS, () => kill("SIGKILL"));
        }
        // What is left is being read (a loaded machine reads slowly), or is held by a process that
        // cleared its environment: stop waiting for it after a while.
        later(LAST_OUTPUT_WAIT_MS, () => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish();
        });
      });
    });
    const finish = () => {
      if (settled || exit === undefined) return;
      cleanUp();
      resolve({
        exitCode: timedOut
          ? TIMEOUT_EXIT_CODE
          : (exit.code ?? (exit.signal === null ? 128 : exitCodeOfSignal(exit.signal))),
        durationMs: Math.round(performance.now() - started),
        output: output.text().trimEnd(),
        timedOut,
        aborted,
      });
    };
    child.on("close", finish);
  });
}

/** `PATH`, with this Node.js binary's folder last: `node` in a plan works even when Node was started by its full path. */
function pathWithNode(): string {
  const path = cliIo().env.PATH ?? "";
  return path === ""
    ? dirname(process.execPath)
    : `${path}${delimiter}${dirname(process.execPath)}`;
}
