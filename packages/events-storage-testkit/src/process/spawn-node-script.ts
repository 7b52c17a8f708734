import { type ChildProcess, spawn } from "node:child_process";
import { basename } from "node:path";

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

/**
 * Starts `node <script> ...args` with its stdout split into lines, for tests
 * that need a real process: crashes, kills, many writers at once. `script` is
 * an absolute path; a fixture should import the BUILT store (its `dist/`), as
 * users do.
 */
export function spawnNodeScript(
  script: string,
  args: readonly string[],
  options: SpawnFixtureOptions = {},
): FixtureProcess {
  const name = basename(script);
  const nodeArgs = [script, ...args];
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
