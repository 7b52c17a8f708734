import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** A reply a child may send instead of its answer. */
export type ChildError = { readonly error: string };

/**
 * A Node process of the bench's own (a dist/*-child.js next to the running
 * dist/run.js), asked one thing at a time over IPC: each request resolves with
 * the child's next message, or rejects with its `error` or its exit.
 */
export class ChildChannel<Request, Reply> {
  readonly #name: string;
  readonly #child: ChildProcess;
  #pending: ((reply: Reply | ChildError) => void) | undefined;

  /**
   * Starts `script` (a file name in dist/) with `args`; `name` says what it is in errors
   * ("the writer process"). Its output goes to our stderr.
   */
  constructor(script: string, args: readonly string[], name: string, execArgv: string[] = []) {
    this.#name = name;
    this.#child = fork(fileURLToPath(new URL(`./${script}`, import.meta.url)), [...args], {
      execArgv,
      stdio: ["ignore", 2, 2, "ipc"],
    });
    this.#child.on("message", (reply: Reply | ChildError) => {
      const pending = this.#pending;
      this.#pending = undefined;
      pending?.(reply);
    });
    this.#child.on("exit", (code, signal) => {
      this.#pending?.({ error: `${name} exited with ${signal ?? `code ${code}`}` });
    });
  }

  /** Resolves once the process started. */
  async started(): Promise<void> {
    await once(this.#child, "spawn");
  }

  /** Waits for the child's next message (`request` sent first, when given). */
  next(request?: Request): Promise<Reply> {
    if (this.#pending !== undefined) throw new Error(`${this.#name}: one request at a time`);
    return new Promise((resolve, reject) => {
      this.#pending = (reply) => {
        if (isChildError(reply)) reject(new Error(`${this.#name}: ${reply.error}`));
        else resolve(reply);
      };
      if (request !== undefined) this.#child.send(request as object);
    });
  }

  kill(): void {
    this.#child.kill("SIGKILL");
  }

  /** Disconnects: the child closes what it holds and exits. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = once(this.#child, "exit");
    this.#child.disconnect();
    await exited;
  }
}

function isChildError(reply: unknown): reply is ChildError {
  return typeof reply === "object" && reply !== null && "error" in reply;
}
