/**
 * What R3 needs around an interrupted run: a TCP server the command reports its pids to once it
 * runs, and a check that those processes are gone afterwards.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { now, sleep } from "../util.js";

/** How long the command's processes may take to vanish after `run` exited (the kernel reaps them). */
const GONE_WITHIN_MS = 1000;

/** A TCP server whose next connection sends the pids of the command that reached its idle state. */
export class ReadyServer {
  readonly #server: Server;
  #waiting: ((pids: number[]) => void) | undefined;

  constructor() {
    this.#server = createServer((socket) => {
      let text = "";
      socket.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
      });
      socket.on("end", () => this.#waiting?.(JSON.parse(text) as number[]));
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return (this.#server.address() as { port: number }).port;
  }

  next(): Promise<number[]> {
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  close(): void {
    this.#server.close();
  }
}

/** Whether a process exists and is not a zombie. */
function isRunning(pid: number): boolean {
  try {
    return !(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").startsWith("Z");
  } catch {
    return false;
  }
}

/** The pids among `pids` still running a second after the call (`GONE_WITHIN_MS`). */
export async function leftovers(pids: readonly number[]): Promise<number[]> {
  const deadline = now() + GONE_WITHIN_MS;
  let running = pids.filter(isRunning);
  while (running.length > 0 && now() < deadline) {
    await sleep(10);
    running = running.filter(isRunning);
  }
  return running;
}
