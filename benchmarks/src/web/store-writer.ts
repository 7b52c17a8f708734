import type { EventRecord } from "@phaser/events-core";
import { ChildChannel } from "../child-channel.js";
import type { StoreLocation } from "./store-location.js";
import type { WriterReply, WriterRequest } from "./writer-messages.js";

/** One append done by the writer process: wall-clock ms before it and once it resolved. */
export interface WriterAppend {
  readonly startMs: number;
  readonly endMs: number;
}

/** Another process that appends to a store through its own instance (dist/web-writer-child.js). */
export class StoreWriter {
  readonly #channel: ChildChannel<WriterRequest, WriterReply>;

  private constructor(channel: ChildChannel<WriterRequest, WriterReply>) {
    this.#channel = channel;
  }

  static async start(location: StoreLocation): Promise<StoreWriter> {
    const channel = new ChildChannel<WriterRequest, WriterReply>(
      "web-writer-child.js",
      [JSON.stringify(location)],
      "the writer process",
    );
    await channel.started();
    return new StoreWriter(channel);
  }

  /** Has the writer append `records` (one: `appendEvent`; more: `appendEvents`). */
  async append(records: readonly EventRecord[]): Promise<WriterAppend> {
    const reply = await this.#channel.next({ records });
    if (!("startMs" in reply)) throw new Error("the writer process answered out of turn");
    return reply;
  }

  /** Disconnects: the writer closes its store and exits. */
  stop(): Promise<void> {
    return this.#channel.stop();
  }
}
