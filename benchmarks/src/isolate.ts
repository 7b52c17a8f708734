import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { attachContext } from "./context.js";
import type { Report } from "./table.js";
import { TARGETS, type Target } from "./targets/registry.js";
import { collectGarbage } from "./util.js";

/** What a target process sends back: its report, or why it has none. */
type WorkerMessage = { readonly report: Report } | { readonly error: string };

/** Target processes still running. */
const live = new Set<ChildProcess>();

/** Kills the target processes still running (when the suite ends first: Ctrl-C, a crash). */
export function stopWorkers(): void {
  for (const child of live) child.kill("SIGKILL");
}

/** dist/run.js: the parent and the target processes run the same file. */
const ENTRY = fileURLToPath(import.meta.url);

/**
 * Runs one target in a fresh Node process (`run.js --worker <id>`), so no
 * target inherits another's heap, JIT feedback or garbage: measured in one
 * process, P1 ran 2.5× slower after the big store had been written than
 * without it. Resolves with the target's report; rejects when it crashed.
 */
export function runIsolated(target: Target, smoke: boolean, runTmp: string): Promise<Report> {
  const args = ["--worker", target.id, "--tmp", runTmp, ...(smoke ? ["--smoke"] : [])];
  return new Promise((resolve, reject) => {
    // The child's stdout goes to our stderr: only reports reach our stdout.
    const child = fork(ENTRY, args, { execArgv: ["--expose-gc"], stdio: ["ignore", 2, 2, "ipc"] });
    live.add(child);
    let message: WorkerMessage | undefined;
    child.on("message", (m: WorkerMessage) => {
      message = m;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      live.delete(child);
      if (message !== undefined && "report" in message) resolve(message.report);
      else if (message !== undefined) reject(new Error(message.error));
      else reject(new Error(`the ${target.id} process exited with ${signal ?? `code ${code}`}`));
    });
  });
}

/** The target process: runs one target and sends its report to the parent. */
export async function runWorker(id: string, smoke: boolean, runTmp: string): Promise<number> {
  let message: WorkerMessage;
  try {
    const target = TARGETS.find((t) => t.id === id);
    if (target === undefined) throw new Error(`unknown target ${id}`);
    const ctx = attachContext(smoke, runTmp, id);
    collectGarbage();
    message = { report: await target.run(ctx) };
  } catch (error) {
    message = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  await new Promise<void>((resolve) => {
    if (process.send === undefined) throw new Error("--worker runs only under the suite");
    process.send(message, () => resolve());
  });
  return "report" in message ? 0 : 1;
}
