import type { EventRecord } from "@phaser/events-core";
import type { AppendReply, AppendRequest } from "./append-messages.js";
import { ChildChannel } from "./child-channel.js";

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
  readonly #channel: ChildChannel<AppendRequest, AppendReply>;

  private constructor(channel: ChildChannel<AppendRequest, AppendReply>) {
    this.#channel = channel;
  }

  /** Starts the writer on `file` (its output goes to our stderr). */
  static async start(file: string): Promise<AppendWriter> {
    const channel = new ChildChannel<AppendRequest, AppendReply>(
      "append-child.js",
      [file],
      "the writer process",
      ["--expose-gc"],
    );
    await channel.started();
    return new AppendWriter(channel);
  }

  /** Has the writer append `record`; resolves when its `appendEvent` resolved. */
  async append(record: EventRecord): Promise<WriterAppend> {
    const reply = await this.#channel.next({ record });
    if (!("start" in reply)) throw new Error("the writer process answered out of turn");
    return { start: BigInt(reply.start), appendMs: reply.appendMs };
  }

  /** Has the writer run a full garbage collection. */
  async collectGarbage(): Promise<void> {
    await this.#channel.next({ gc: true });
  }

  /** Disconnects: the writer closes its store and exits. */
  stop(): Promise<void> {
    return this.#channel.stop();
  }
}
