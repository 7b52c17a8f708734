import { tmpdir } from "node:os";
import type { CliStream } from "../src/io/cli-io.js";
import { main } from "../src/main.js";
import { type CliResult, cliEnv } from "./spawn-cli.js";

/**
 * Runs `phaser-events ...args` in this process: the same program as
 * `dist/cli.js` (its `main`), with the environment {@link runCliProcess} gives
 * a process (the store at `storageDir`, colours off), `cwd` (the OS temp folder)
 * as its working directory, and stdout and stderr collected as a pipe would. A
 * process costs a Node.js start (about 0.2 CPU-seconds, 0.4 on a loaded
 * machine); what is about processes (signals, terminals, exit on a closed
 * pipe, the modules a start loads) is tested with real ones (`startCli`,
 * `runCliProcess`, test/pseudo-terminal.ts).
 */
export async function runCli(
  args: readonly string[],
  storageDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
  cwd: string = tmpdir(),
): Promise<CliResult> {
  // A variable set to undefined is not in a process's environment at all.
  const env = Object.fromEntries(
    Object.entries(cliEnv(storageDir, extraEnv)).filter(([, value]) => value !== undefined),
  );
  let stdout = "";
  let stderr = "";
  const pipe = (append: (text: string) => void): CliStream => ({
    write(text, done) {
      append(text);
      done?.();
      return true;
    },
  });
  if (running++ === 0) idle = process.getActiveResourcesInfo();
  const code = await main(args, {
    stdout: pipe((text) => {
      stdout += text;
    }),
    stderr: pipe((text) => {
      stderr += text;
    }),
    env,
    cwd,
  });
  // With commands run at once, what one leaves is seen when the last ends.
  if (--running === 0) await resourcesReleased(idle);
  return { code, stdout, stderr };
}

/** Commands running in this process now, and what was active before the first of them. */
let running = 0;
let idle: readonly string[] = [];

/**
 * Resolves once what keeps the event loop alive (timers, sockets, watchers,
 * child processes: `process.getActiveResourcesInfo()`) is back to `before`:
 * a process would exit there. A command that leaves something running would
 * keep a process from ever exiting, so that fails here, naming what is left.
 */
async function resourcesReleased(before: readonly string[]): Promise<void> {
  const deadline = Date.now() + RELEASE_MS;
  for (;;) {
    const left = extra(process.getActiveResourcesInfo(), before);
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`the command left ${left.join(", ")} running: a process would not exit`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** How long closing sockets and files may take once a command has resolved. */
const RELEASE_MS = 5000;

/** What `now` holds beyond `before`, counting each kind. */
function extra(now: readonly string[], before: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const kind of before) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const left: string[] = [];
  for (const kind of now) {
    const count = counts.get(kind) ?? 0;
    if (count > 0) counts.set(kind, count - 1);
    else left.push(kind);
  }
  return left;
}
