import type { EventStorage } from "@phaser/events-core";

/** Options of {@link createTimelineServer}. */
export interface TimelineServerOptions {
  /** The store to show. It must have `watch`; the server never writes to it. */
  readonly storage: EventStorage;
  /** The address to bind. Default `"127.0.0.1"`. Any non-loopback host requires a token. */
  readonly host?: string | undefined;
  /** The port. Default {@link DEFAULT_PORT}; `0` picks a free one (read it from `server.port`). */
  readonly port?: number | undefined;
  /**
   * The token every API request must present (URL-safe characters). Generated
   * (32 random bytes) when the host is not loopback and none is given; a
   * loopback server without one needs none.
   */
  readonly token?: string | undefined;
  /** How often an idle stream sends a `: heartbeat` comment, in ms. Default 15,000. */
  readonly heartbeatMs?: number | undefined;
  /**
   * A connection with nothing read or written for this long is ended, in ms:
   * a client that stopped reading a large answer would otherwise hold what
   * was buffered for it. Answers go out a piece at a time, so a client that
   * reads, however slowly, is never cut off. More than `heartbeatMs` (streams
   * write a heartbeat at least that often). Default 60,000.
   */
  readonly idleTimeoutMs?: number | undefined;
  /**
   * How often, while a browser follows the store, the server checks it for
   * audits removed by a clear, a retention cleanup or a JSON store's
   * `maxEvents` (a watch tells of new records only), in ms. Default 10,000.
   * Listing the audits (`GET /api/audits`) always checks first.
   */
  readonly recheckMs?: number | undefined;
  /** The static files' folder. Default: the package's built UI, `dist/ui/`. */
  readonly uiDir?: string | undefined;
  /** Closes the server when it aborts (as `close()` does). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Told of what the server's watches survive: a store it cannot read for a
   * while, records removed before the watch read them. Default: `console.warn`.
   */
  readonly onError?: ((error: Error) => void) | undefined;
}

/** A running server. */
export interface TimelineServer {
  /**
   * Where to open it on this machine, e.g. `http://127.0.0.1:4820/` (with
   * `#token=…` when a token is required: the fragment, which the browser
   * keeps to itself and the page reads); a server bound to `0.0.0.0` or `::`
   * is opened through `127.0.0.1` or `[::1]`.
   */
  readonly url: string;
  /** The host it is bound to, as given. */
  readonly host: string;
  /** The port it listens on (the one picked, for port 0). */
  readonly port: number;
  /** The token API requests must present; null when none is required. */
  readonly token: string | null;
  /** Ends every stream, stops the store's watches and closes every socket. Idempotent. */
  close(): Promise<void>;
}

/** The port used when none is given. */
export const DEFAULT_PORT = 4820;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_RECHECK_MS = 10_000;
