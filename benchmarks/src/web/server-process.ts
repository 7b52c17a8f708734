import { ChildChannel } from "../child-channel.js";
import type { ServerMessage, ServerRequest, ServerSample } from "./server-messages.js";
import type { StoreLocation } from "./store-location.js";

/** A timeline server in a process of its own (dist/web-server-child.js), sampled on request. */
export class ServerProcess {
  readonly url: string;
  readonly #channel: ChildChannel<ServerRequest, ServerMessage>;

  private constructor(channel: ChildChannel<ServerRequest, ServerMessage>, url: string) {
    this.#channel = channel;
    this.url = url;
  }

  /** Starts the server over `location`; resolves once it listens. */
  static async start(location: StoreLocation): Promise<ServerProcess> {
    const channel = new ChildChannel<ServerRequest, ServerMessage>(
      "web-server-child.js",
      [JSON.stringify(location)],
      "the server process",
      ["--expose-gc"],
    );
    const message = await channel.next().catch((error: unknown) => {
      channel.kill();
      throw error;
    });
    if (!("url" in message)) {
      channel.kill();
      throw new Error("the server process answered out of turn: no URL");
    }
    return new ServerProcess(channel, message.url);
  }

  /** Its memory right after a full GC, and its store watches. */
  async sample(): Promise<ServerSample> {
    const message = await this.#channel.next({ sample: true });
    if (!("sample" in message)) throw new Error("the server process answered out of turn");
    return message.sample;
  }

  /** Disconnects: the server closes and the process exits. */
  stop(): Promise<void> {
    return this.#channel.stop();
  }
}
