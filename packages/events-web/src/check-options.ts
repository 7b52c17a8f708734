import { statSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { isLoopbackHost } from "./http/host-check.js";
import { generateToken, TOKEN_PATTERN } from "./http/token.js";
import { PACKAGE_UI } from "./package-ui.js";
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_HOST,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_PORT,
  DEFAULT_RECHECK_MS,
  type TimelineServerOptions,
} from "./server-options.js";

/** The options with their defaults, checked. */
export interface CheckedOptions {
  readonly host: string;
  readonly port: number;
  readonly token: string | null;
  readonly heartbeatMs: number;
  readonly idleTimeoutMs: number;
  readonly recheckMs: number;
  /** The real path of the static files' folder. */
  readonly uiRoot: string;
  readonly loopback: boolean;
  readonly onError: (error: Error) => void;
}

/** Checks the options (`TypeError` / `RangeError` naming the option) and fills in defaults. */
export async function checkOptions(options: TimelineServerOptions): Promise<CheckedOptions> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createTimelineServer(options): options must be an object");
  }
  const { storage, host = DEFAULT_HOST, port = DEFAULT_PORT } = options;
  const { heartbeatMs = DEFAULT_HEARTBEAT_MS, recheckMs = DEFAULT_RECHECK_MS } = options;
  const { uiDir = PACKAGE_UI, idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS } = options;
  if (typeof storage !== "object" || storage === null || typeof storage.getEvents !== "function") {
    throw new TypeError("createTimelineServer: storage must be an EventStorage");
  }
  if (typeof host !== "string" || host === "") {
    throw new TypeError("createTimelineServer: host must be a non-empty string");
  }
  if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    throw new RangeError(
      `createTimelineServer: port must be a whole number from 0 to 65535 (got ${port})`,
    );
  }
  checkInterval("heartbeatMs", heartbeatMs);
  checkInterval("recheckMs", recheckMs);
  checkInterval("idleTimeoutMs", idleTimeoutMs);
  if (idleTimeoutMs <= heartbeatMs) {
    throw new RangeError(
      `createTimelineServer: idleTimeoutMs (${idleTimeoutMs}) must be more than heartbeatMs (${heartbeatMs}): an idle stream would be cut between heartbeats`,
    );
  }
  const given = options.token;
  if (given !== undefined && (typeof given !== "string" || !TOKEN_PATTERN.test(given))) {
    throw new TypeError(
      "createTimelineServer: token must be a non-empty string of letters, digits and . _ ~ -",
    );
  }
  if (typeof uiDir !== "string" || !statSync(uiDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new TypeError(`createTimelineServer: uiDir must be a folder (got ${String(uiDir)})`);
  }
  const loopback = isLoopbackHost(host);
  return {
    host,
    port,
    token: given ?? (loopback ? null : generateToken()),
    heartbeatMs,
    idleTimeoutMs,
    recheckMs,
    uiRoot: await realpath(uiDir),
    loopback,
    onError: options.onError ?? ((error) => console.warn(error.message)),
  };
}

/** A timer's interval: a whole number of ms that `setInterval` takes as given. */
function checkInterval(name: string, ms: unknown): void {
  if (!(Number.isInteger(ms) && (ms as number) >= 1 && (ms as number) <= 2 ** 31 - 1)) {
    throw new RangeError(
      `createTimelineServer: ${name} must be a whole number of ms, 1 or more (got ${String(ms)})`,
    );
  }
}
