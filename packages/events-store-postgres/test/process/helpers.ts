import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/** How a child process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A fixture running in its own Node process, with its stdout split into lines. */
export interface FixtureProcess {
  readonly child: ChildProcess;
  /** Complete stdout lines received so far (a line cut short by a kill is not one). */
  readonly lines: readonly string[];
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  /**
   * The first line (received already or later) that `accept` accepts. Rejects
   * when the child's output ends without one.
   */
  line(accept?: (line: string) => boolean): Promise<string>;
  /** Resolves once the child exited and its stdout and stderr are drained. */
  readonly closed: Promise<Exit>;
}

export interface SpawnFixtureOptions {
  /** A command that runs Node for us, e.g. `["bash", "-c", 'ulimit -f 64 && exec "$0" "$@"']`. */
  readonly wrapper?: readonly string[] | undefined;
  /** Give the child a stdin pipe (`child.stdin`) instead of none. */
  readonly stdin?: boolean | undefined;
}

/** Absolute path of a script in `test/fixtures/`. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** Starts `node test/fixtures/<name> ...args`; the fixture imports the BUILT package (dist/). */
export function spawnFixture(
  name: string,
  args: readonly string[],
  options: SpawnFixtureOptions = {},
): FixtureProcess {
  const nodeArgs = [fixturePath(name), ...args];
  const [command, ...prefix] = options.wrapper ?? [process.execPath];
  const argv =
    options.wrapper === undefined ? nodeArgs : [...prefix, process.execPath, ...nodeArgs];
  const child = spawn(command ?? process.execPath, argv, {
    stdio: [options.stdin === true ? "pipe" : "ignore", "pipe", "pipe"],
  });

  const lines: string[] = [];
  const waiters = new Set<Waiter>();
  let pending = "";
  let stderr = "";
  let ended = false;

  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    const parts = (pending + chunk).split("\n");
    pending = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters) {
        if (!waiter.accept(line)) continue;
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<Exit>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      ended = true;
      for (const waiter of waiters) {
        waiter.reject(
          new Error(
            `${name} ended (${signal ?? code}) without the awaited line; stderr: ${stderr}`,
          ),
        );
      }
      waiters.clear();
      resolve({ code, signal });
    });
  });

  return {
    child,
    lines,
    stderr: () => stderr,
    closed,
    line(accept = () => true) {
      const found = lines.find(accept);
      if (found !== undefined) return Promise.resolve(found);
      if (ended) {
        return Promise.reject(
          new Error(`${name} ended without the awaited line; stderr: ${stderr}`),
        );
      }
      return new Promise<string>((resolve, reject) => {
        waiters.add({ accept, resolve, reject });
      });
    },
  };
}

interface Waiter {
  readonly accept: (line: string) => boolean;
  readonly resolve: (line: string) => void;
  readonly reject: (error: Error) => void;
}

/** How many times each value occurs. */
export function occurrences(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** A UUID, as the emitter writes them: only such lines are acknowledged ids. */
export function isUuid(line: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(line);
}

/**
 * Polls `check` until it returns a value other than undefined: for states of
 * the server no event announces (a query waiting on a lock). Rejects after
 * `timeoutMs`.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
