import type { ServerResponse } from "node:http";
import type { EventStorage, WatchHandle } from "@phaser/events-core";
import { setEventStreamHead } from "./http/respond.js";
import type { RecentEntry } from "./recent-ring.js";
import {
  HEARTBEAT_MESSAGE,
  RETRY_MESSAGE,
  recordMessage,
  resetMessage,
  rowsMessage,
} from "./sse-message.js";
import type { StoreFollower } from "./store-follower.js";
import type { StoreReadSlots } from "./store-read-slots.js";

/**
 * How much a client may leave unread in the server's buffer before it is
 * dropped, in characters. Above it the client is slow or paused: buffering
 * more for it would grow without bound, so its stream ends and the browser
 * reconnects with `Last-Event-ID` and catches up from the store.
 */
export const MAX_CLIENT_BUFFER = 1024 * 1024;

export interface SseClientOptions {
  readonly storage: EventStorage;
  readonly follower: StoreFollower;
  readonly heartbeatMs: number;
  /** Turns to read the store: a client catching up from it waits for one. */
  readonly storeReads: StoreReadSlots;
  readonly onError: (error: Error) => void;
}

/** Ring entries written between checks for a full socket while a client catches up. */
const BATCH = 64;

/**
 * One Server-Sent Events stream. It sends each record after its starting
 * position exactly once, in order: it remembers the last position sent and
 * skips anything at or before it. Until it is level with the server it
 * catches up at the pace its socket takes (waiting for `drain`):
 * - from the shared ring of recent records, when the ring covers its position;
 * - otherwise from a watch of its own (`fromSeq`), until it reaches what the
 *   ring covers; then it stops that watch. It waits for a turn to read the
 *   store first (see {@link StoreReadSlots}), and is dropped if its socket
 *   takes nothing for `heartbeatMs` meanwhile: a client that stopped reading
 *   would otherwise hold the turn, and the records read for it, for good.
 * Once the ring has nothing more for it, it joins the shared stream, in the
 * same turn as that check, so no record falls between.
 */
export class SseClient {
  readonly #res: ServerResponse;
  readonly #options: SseClientOptions;
  #sent: number;
  #rowsVersionAtStart = 0;
  #closed = false;
  #heartbeat: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #unsubscribeRows: (() => void) | undefined;
  #catchUp: WatchHandle | undefined;
  #stopped: Promise<void> = Promise.resolve();
  readonly #done: Promise<void>;
  #finish: () => void = () => {};
  /** Aborts when the stream ends. */
  readonly #left = new AbortController();

  constructor(res: ServerResponse, after: number, options: SseClientOptions) {
    this.#res = res;
    this.#options = options;
    this.#sent = after;
    this.#done = new Promise((resolve) => {
      this.#finish = resolve;
    });
  }

  /** Resolves once the stream ended and its own watch (if any) stopped. */
  get done(): Promise<void> {
    return this.#done.then(() => this.#stopped);
  }

  /** Sends the headers and `retry`, then the records after the starting position. */
  start(): void {
    const res = this.#res;
    setEventStreamHead(res);
    res.on("close", () => this.close());
    res.write(RETRY_MESSAGE);
    // The rows' version: a browser whose rows are of another asks for them again.
    this.#rowsVersionAtStart = this.#options.follower.rowsVersion;
    res.write(rowsMessage({ version: this.#rowsVersionAtStart }));
    this.#heartbeat = setInterval(() => this.#write(HEARTBEAT_MESSAGE), this.#options.heartbeatMs);
    this.#follow().catch((error: unknown) => {
      this.#options.onError(error instanceof Error ? error : new Error(String(error)));
      this.drop();
    });
  }

  /** Ends the stream (the browser may reconnect). */
  close(): void {
    this.#end(false);
  }

  /** Ends the stream with a `reset` message: the store was replaced, the page loads again. */
  reset(position: number): void {
    this.#write(resetMessage(position));
    this.close();
  }

  /** Ends the stream at once, dropping what is buffered for it. */
  drop(): void {
    this.#end(true);
  }

  #end(destroy: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.#unsubscribe?.();
    this.#unsubscribeRows?.();
    this.#stopCatchUp();
    this.#left.abort();
    if (destroy) this.#res.destroy();
    else this.#res.end();
    this.#finish();
  }

  /** Catches up (from the store, then the ring), then joins the shared stream. */
  async #follow(): Promise<void> {
    const { ring } = this.#options.follower;
    while (!this.#closed) {
      if (this.#sent < ring.floor) {
        await this.#catchUpFromStore();
        continue;
      }
      const batch = ring.after(this.#sent, BATCH);
      if (batch.length === 0) {
        const { follower } = this.#options;
        this.#unsubscribe = follower.subscribe((entry) => this.#send(entry));
        this.#unsubscribeRows = follower.subscribeRows((_change, message) => this.#write(message));
        // A change made while it caught up: its version tells the browser to ask for the rows again.
        if (follower.rowsVersion !== this.#rowsVersionAtStart) {
          this.#write(rowsMessage({ version: follower.rowsVersion }));
        }
        return;
      }
      for (const entry of batch) {
        if (!this.#send(entry)) await this.#drained();
      }
    }
  }

  #send(entry: RecentEntry): boolean {
    if (entry.seq <= this.#sent) return true;
    this.#sent = entry.seq;
    return this.#write(entry.message);
  }

  /** Writes, or drops the client when it has left too much unread. False: wait for `drain`. */
  #write(text: string): boolean {
    if (this.#closed) return false;
    if (this.#res.writableLength > MAX_CLIENT_BUFFER) {
      this.drop();
      return false;
    }
    return this.#res.write(text);
  }

  /** Waits for a turn to read the store, reads from it, and gives the turn back once its watch stopped. */
  async #catchUpFromStore(): Promise<void> {
    const release = await this.#options.storeReads.acquire(this.#left.signal);
    if (release === undefined) return; // the stream ended while it waited
    try {
      await this.#readFromStore();
    } finally {
      void this.#stopped.then(release, release);
    }
  }

  /**
   * Reads the store after the last position sent with a watch of its own,
   * until it reaches what the ring covers (or the stream ends); resolves
   * then, with the watch stopping.
   */
  #readFromStore(): Promise<void> {
    const { storage, follower, onError } = this.#options;
    const watch = storage.watch as NonNullable<EventStorage["watch"]>;
    return new Promise<void>((resolve) => {
      let reached = false;
      const reach = () => {
        reached = true;
        this.#stopCatchUp();
        resolve();
      };
      const handle = watch.call(
        storage,
        async (record, { seq }) => {
          if (reached) return;
          if (this.#closed) return reach();
          const recordJson = JSON.stringify(record);
          const audit = follower.rows.get(record.audit_id) ?? null;
          const message = recordMessage(seq, recordJson, audit);
          if (!this.#send({ seq, recordJson, message })) await this.#drained(true);
          if (this.#closed || this.#sent >= follower.ring.floor) reach();
        },
        { fromSeq: this.#sent, onError },
      );
      this.#catchUp = handle;
      void this.#done.then(() => {
        if (!reached) reach();
      });
    });
  }

  /** Stops the client's own watch, if it runs; `done` waits for it. */
  #stopCatchUp(): void {
    if (this.#catchUp === undefined) return;
    // Not awaited: stop() waits for the listener in flight, which may be the caller.
    this.#stopped = this.#catchUp.stop();
    this.#catchUp = undefined;
  }

  /**
   * Resolves once the socket takes more, or the stream ended. `stalling`: a
   * socket that takes nothing for `heartbeatMs` has its client dropped.
   */
  #drained(stalling = false): Promise<void> {
    return new Promise((resolve) => {
      const stall = stalling ? setTimeout(() => this.drop(), this.#options.heartbeatMs) : undefined;
      const done = () => {
        clearTimeout(stall);
        this.#res.off("drain", done);
        this.#res.off("close", done);
        resolve();
      };
      this.#res.on("drain", done);
      this.#res.on("close", done);
      void this.#done.then(done);
    });
  }
}
