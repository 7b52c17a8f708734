import { execFile } from "node:child_process";
import { watch } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { promisify } from "node:util";
import { type FixtureProcess, isUuid, spawnFixture } from "../process/helpers.js";
import { python3 } from "../python3.js";

export interface WriterOptions {
  /** Emits in flight at once: 1 awaits each emit; 20 lets the store commit groups. Default 1. */
  readonly inFlight?: number;
  /** The largest padding of a record, in bytes; sizes are random up to it. Default 0. */
  readonly maxPadding?: number;
  /** Stop after this many acknowledged emits. Default: until {@link stopWriter}. */
  readonly count?: number;
}

/**
 * A process appending to `path` (test/fixtures/adversity-writer.mjs) and
 * printing each acknowledged id. With `path` "-" it starts Node and loads the
 * store, then waits for {@link startWriter} to give it the path.
 */
export function spawnWriter(path: string, options: WriterOptions = {}): FixtureProcess {
  return spawnFixture(
    "adversity-writer.mjs",
    [
      path,
      String(options.inFlight ?? 1),
      String(options.maxPadding ?? 0),
      String(options.count ?? "forever"),
    ],
    { stdin: true },
  );
}

/** Lets a writer spawned with the path "-" start appending to `path`. */
export function startWriter(writer: FixtureProcess, path: string): void {
  writer.child.stdin?.write(`${path}\n`);
}

/** Resolves once a writer spawned with the path "-" is loaded and waits for its path. */
export function writerReady(writer: FixtureProcess): Promise<string> {
  return writer.line((line) => line === "ready");
}

/** Asks a writer to finish its current emits and exit (it closes the store first). */
export function stopWriter(writer: FixtureProcess): void {
  writer.child.stdin?.end();
}

/** The ids a writer printed: every one is an acknowledged (resolved) emit. */
export function ackedIds(writer: FixtureProcess): string[] {
  return writer.lines.filter(isUuid);
}

/** Resolves once `writer` acknowledged more than `count` emits in all. */
export function ackedMoreThan(writer: FixtureProcess, count: number): Promise<string> {
  let seen = 0;
  return writer.line((line) => isUuid(line) && ++seen > count);
}

/** The lock file's JSON (as the store writes it), or undefined when there is none or it is unreadable. */
export async function readLockOwner(
  lockPath: string,
): Promise<{ pid: number; token: string } | undefined> {
  try {
    return JSON.parse(await readFile(lockPath, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * SIGSTOPs `writer` at a moment it holds the write lock `lockPath`: on each
 * change in the lock's folder, if the lock names the writer, stop it and check
 * that the lock still names it with the same token (else resume it and wait for
 * the next change). Resolves with the lock's content; rejects after `withinMs`.
 */
export function stopWhileHoldingLock(
  writer: FixtureProcess,
  lockPath: string,
  withinMs = 15_000,
): Promise<{ pid: number; token: string }> {
  const pid = writer.child.pid ?? -1;
  return new Promise((resolve, reject) => {
    let busy = false;
    let done = false;
    const finish = (error: Error | undefined, owner?: { pid: number; token: string }) => {
      done = true;
      watcher.close();
      clearTimeout(timer);
      if (owner !== undefined) resolve(owner);
      else reject(error);
    };
    const attempt = async () => {
      if (busy || done) return;
      busy = true;
      try {
        const owner = await readLockOwner(lockPath);
        if (owner?.pid === pid && !done) {
          process.kill(pid, "SIGSTOP");
          const again = await readLockOwner(lockPath);
          if (again?.pid === pid && again.token === owner.token && !done) {
            return finish(undefined, again);
          }
          process.kill(pid, "SIGCONT");
        }
      } finally {
        busy = false;
      }
    };
    const watcher = watch(dirname(lockPath), (_event, name) => {
      if (name === basename(lockPath)) void attempt().catch((error: Error) => finish(error));
    });
    const timer = setTimeout(
      () =>
        finish(new Error(`process ${pid} was never seen holding ${lockPath} in ${withinMs} ms`)),
      withinMs,
    );
    void attempt().catch((error: Error) => finish(error));
  });
}

const execFileAsync = promisify(execFile);

/**
 * Loads each file with Python's `json.load` (the reference reader); resolves
 * with the files it could not load and why ("" when all loaded).
 */
export async function pythonJsonLoad(...paths: string[]): Promise<string> {
  const script = [
    "import json, sys",
    "bad = []",
    "for p in sys.argv[1:]:",
    "    try:",
    "        json.load(open(p))",
    "    except Exception as e:",
    "        bad.append(f'{p}: {e!r}')",
    "print('\\n'.join(bad))",
  ].join("\n");
  const { stdout } = await execFileAsync(python3(), ["-c", script, ...paths], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

/** Counts how many times each value occurs. */
export function countOf<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** The ids in `expected` that occur in `found` other than exactly once. */
export function notExactlyOnce(expected: readonly string[], found: readonly string[]): string[] {
  const counts = countOf(found);
  return expected.filter((id) => counts.get(id) !== 1);
}

/** `JSON.parse` of the file's text, or `undefined` when it is not valid JSON. */
export function parseOrUndefined(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}
