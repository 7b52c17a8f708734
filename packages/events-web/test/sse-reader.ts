import { type ClientRequest, type IncomingMessage, request } from "node:http";
import type { EventRecord } from "@phaser/events-core";

/** One parsed Server-Sent Events message. */
export interface StreamMessage {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly retry: string | undefined;
  readonly data: string;
}

/** A `record` message's data. */
export interface RecordData {
  readonly seq: number;
  readonly record: EventRecord;
  readonly audit: { readonly auditId: string; readonly eventCount: number } | null;
}

export interface StreamReader {
  readonly status: number;
  readonly headers: IncomingMessage["headers"];
  /** Every message with data or a retry, in order. */
  readonly messages: StreamMessage[];
  /** Comment lines (`: heartbeat`), without the colon. */
  readonly comments: string[];
  /** The `record` messages' data, in order. */
  records(): RecordData[];
  /** Resolves once `count` records arrived (rejects if the stream ends first). */
  untilRecords(count: number): Promise<RecordData[]>;
  /** Resolves once the record with this id arrived. */
  untilRecord(id: string): Promise<RecordData>;
  /** Resolves with the data of the `event` messages once `count` of them arrived. */
  untilEvents<T = unknown>(event: string, count: number): Promise<T[]>;
  /** Resolves once `count` comments arrived. */
  untilComments(count: number): Promise<void>;
  /** Resolves once the stream ended, from either side. */
  readonly ended: Promise<void>;
  readonly response: IncomingMessage;
  /** Stops reading from the socket: what the server sends piles up. */
  pause(): void;
  resume(): void;
  /** Closes the connection from the client side. */
  close(): void;
}

/**
 * Opens `GET path` as an event stream over a real socket and parses what
 * arrives (the format of the HTML Living Standard: fields, comments, blank
 * line ends a message). Resolves once the response headers arrived.
 */
export function openStream(
  base: string,
  path = "/api/stream",
  headers: Record<string, string> = {},
): Promise<StreamReader> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req: ClientRequest = request(
      { host: url.hostname, port: url.port, path, headers, agent: false },
      (res) => resolve(reader(req, res)),
    );
    req.on("error", reject);
    req.end();
  });
}

function reader(req: ClientRequest, res: IncomingMessage): StreamReader {
  const messages: StreamMessage[] = [];
  const parsed: RecordData[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  let pending = "";
  let fields: Record<string, string> = {};
  let data: string[] = [];
  const check = () => {
    for (const waiter of [...waiters]) waiter();
  };
  res.setEncoding("utf8");
  res.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "") {
        if (data.length > 0 || fields.retry !== undefined) {
          const message = {
            id: fields.id,
            event: fields.event,
            retry: fields.retry,
            data: data.join("\n"),
          };
          messages.push(message);
          if (message.event === "record") parsed.push(JSON.parse(message.data) as RecordData);
        }
        fields = {};
        data = [];
      } else if (line.startsWith(":")) {
        comments.push(line.slice(1).trim());
      } else {
        const at = line.indexOf(":");
        const name = at < 0 ? line : line.slice(0, at);
        const value = at < 0 ? "" : line.slice(at + 1).replace(/^ /, "");
        if (name === "data") data.push(value);
        else fields[name] = value;
      }
    }
    check();
  });
  const endedPromise = new Promise<void>((resolve) => {
    const finish = () => {
      ended = true;
      resolve();
      check();
    };
    res.on("close", finish);
    res.on("error", finish);
    req.on("error", finish);
  });
  const records = () => [...parsed];
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const waiter = () => {
        if (done()) {
          waiters.delete(waiter);
          resolve();
        } else if (ended) {
          waiters.delete(waiter);
          reject(new Error(`the stream ended before ${what} (had ${parsed.length} records)`));
        }
      };
      waiters.add(waiter);
      waiter();
    });
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    messages,
    comments,
    records,
    untilRecords: async (count) => {
      await until(() => parsed.length >= count, `${count} records`);
      return records();
    },
    untilRecord: async (id) => {
      const found = () => parsed.find((m) => m.record.id === id);
      await until(() => found() !== undefined, `record ${id}`);
      return found() as RecordData;
    },
    untilEvents: async <T>(event: string, count: number) => {
      const found = () => messages.filter((m) => m.event === event);
      await until(() => found().length >= count, `${count} ${event} messages`);
      return found().map((m) => JSON.parse(m.data) as T);
    },
    untilComments: (count) => until(() => comments.length >= count, `${count} comments`),
    ended: endedPromise,
    response: res,
    pause: () => res.pause(),
    resume: () => res.resume(),
    close: () => req.destroy(),
  };
}
