import { AsyncLocalStorage } from "node:async_hooks";

/** Where a command writes: stdout or stderr, or a caller's stand-in for them. */
export interface CliStream {
  write(text: string, done?: (error?: Error | null) => void): unknown;
  /** A terminal: progress redraws in place, colours are on. */
  readonly isTTY?: boolean;
  /** The terminal's width, when it is one and says. */
  readonly columns?: number;
}

/**
 * What one run of the CLI reads and writes beyond its arguments: the process's
 * own streams, environment and working directory, or a caller's (a program or
 * a test that runs `phaser-events` in its own process, see {@link main}).
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: NodeJS.ProcessEnv;
  /** Relative paths on the command line (a plan, `--cwd`, `--store`, `--out`) start here. */
  readonly cwd: string;
}

interface Invocation {
  readonly io: CliIo;
  exitCode: number;
}

const invocations = new AsyncLocalStorage<Invocation>();

/** The process's own streams, environment and working directory: one object, so per-io caches hold. */
// Getters: Node opens process.stdout and stderr on first use, which importing this must not do.
const PROCESS_IO: CliIo = {
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
  env: process.env,
  get cwd() {
    return process.cwd();
  },
};

/** The streams, environment and folder of the command running now (the process's, outside one). */
export function cliIo(): CliIo {
  return invocations.getStore()?.io ?? PROCESS_IO;
}

/**
 * Whether the command running now writes to the process's own stdout and
 * stderr (outside {@link withCliIo}). Check it before touching
 * `process.stdout` for anything else: Node opens those streams on first use,
 * and a caller's command must leave the process as it found it.
 */
export function usesProcessStreams(): boolean {
  return invocations.getStore() === undefined;
}

/** Sets the exit code of the command running now (the process's, outside one). */
export function setExitCode(code: number): void {
  const invocation = invocations.getStore();
  if (invocation === undefined) process.exitCode = code;
  else invocation.exitCode = code;
}

/**
 * Runs `task` as one command with `io`: everything it starts, awaits or
 * schedules sees `io` through {@link cliIo}. Resolves with the exit code it
 * set (0 when it set none).
 */
export async function withCliIo(io: CliIo, task: () => Promise<void>): Promise<number> {
  const invocation: Invocation = { io, exitCode: 0 };
  await invocations.run(invocation, task);
  return invocation.exitCode;
}
