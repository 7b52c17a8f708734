import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventStorage } from "@phaser/events-core";
import type { RequestTarget } from "./http/request-target.js";
import type { SseClient } from "./sse-client.js";
import type { StoreFollower } from "./store-follower.js";
import type { StoreReadSlots } from "./store-read-slots.js";

/** What every handler is given: the store, the shared follower, the open streams. */
export interface ServerContext {
  readonly storage: EventStorage;
  readonly follower: StoreFollower;
  /** Open Server-Sent Events streams, ended by `close()`. */
  readonly streams: Set<SseClient>;
  readonly heartbeatMs: number;
  /** Turns to read the store from an old position, shared by streams and polls. */
  readonly storeReads: StoreReadSlots;
  /** How often the rows are checked for removed audits while clients follow, in ms. */
  readonly recheckMs: number;
  /** The real path of the static files' folder. */
  readonly uiRoot: string;
  readonly onError: (error: Error) => void;
  /** Aborts when the server closes: work in flight ends early. */
  readonly closing: AbortSignal;
  /** Returns `work`; the server's close waits for it to settle. */
  track<T>(work: Promise<T>): Promise<T>;
}

/** One request, routed: `params` are the route's decoded path parts. */
export interface RouteRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly target: RequestTarget;
  readonly params: readonly string[];
  readonly context: ServerContext;
}

export type Handler = (request: RouteRequest) => void | Promise<void>;
