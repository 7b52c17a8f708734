import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { EventRecord } from "@phaser/events-core";
import type { AppendReply, AppendRequest } from "./append-messages.js";

/** dist/append-child.js, next to the running dist/run.js. */
const CHILD = fileURLToPath(new URL("./append-child.js", import.meta.url));

/** One append done by the writer process. */
export interface WriterAppend {
  /** `process.hrtime.bigint()` just before the append, in the writer (the clock is shared). */
  readonly start: bigint;
  /** How long the writer's `appendEvent` took, in ms. */
  readonly appendMs: number;
}

/**
 * Another process that appends to a store file through its own
 * JsonFileStorage (dist/append-child.js), one record at a time.
 */
export class AppendWriter {
  readonly #child: ChildProcess;
  #pending: ((reply: AppendReply) => void) | undefined;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on("message", (reply: AppendReply) => {
      const pending = this.#pending;
      this.#pending = undefined;
      pending?.(reply);
    });
    child.on("exit", (code, signal) => {
      this.#pending?.({ error: `the writer process exited with ${signal ?? `code ${code}`}` });
    });
  }

  /** Starts the writer on `file` (its output goes to our stderr). */
  static async start(file: string): Promise<AppendWriter> {
    const child = fork(CHILD, [file], {
      execArgv: ["--expose-gc"],
      stdio: ["ignore", 2, 2, "ipc"],
    });
    await once(child, "spawn");
    return new AppendWriter(child);
  }

  /** Has the writer append `record`; resolves when its `appendEvent` resolved. */
  async append(record: EventRecord): Promise<WriterAppend> {
    const reply = await this.#request({ record });
    if (!("start" in reply)) throw new Error("the writer process answered out of turn");
    return { start: BigInt(reply.start), appendMs: reply.appendMs };
  }

  /** Has the writer run a full garbage collection. */
  async collectGarbage(): Promise<void> {
    await this.#request({ gc: true });
  }

  #request(request: AppendRequest): Promise<AppendReply> {
    if (this.#pending !== undefined) throw new Error("one request at a time");
    return new Promise((resolve, reject) => {
      this.#pending = (reply) => {
        if ("error" in reply) reject(new Error(`the writer process: ${reply.error}`));
        else resolve(reply);
      };
      this.#child.send(request);
    });
  }

  /** Disconnects: the writer closes its store and exits. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = once(this.#child, "exit");
    this.#child.disconnect();
    await exited;
  }
}
