/**
 * The writer process of W2 and W3 (dist/web-writer-child.js): appends what
 * its parent sends through its own store instance, as another process (an
 * audit being run) does while a page is open.
 *
 *   fork("dist/web-writer-child.js", [JSON.stringify(location)])  // then send { records }
 *
 * One record is an `appendEvent`, more are one `appendEvents`. Replies with
 * the wall-clock instants before and after; closes the store and exits when
 * the parent disconnects.
 */
import { openStore, type StoreLocation } from "./store-location.js";
import type { WriterReply, WriterRequest } from "./writer-messages.js";

const wallClock = (): number => performance.timeOrigin + performance.now();

function append(store: ReturnType<typeof openStore>, request: WriterRequest): Promise<unknown> {
  const [first] = request.records;
  if (request.records.length === 1 && first !== undefined) return store.appendEvent(first);
  return store.appendEvents(request.records);
}

function main(): void {
  const arg = process.argv[2];
  if (arg === undefined || process.send === undefined) {
    throw new Error(
      "usage: fork('web-writer-child.js', [JSON.stringify(location)]) with an IPC channel",
    );
  }
  const store = openStore(JSON.parse(arg) as StoreLocation);
  const reply = (message: WriterReply) => process.send?.(message);
  process.on("message", (request: WriterRequest) => {
    const startMs = wallClock();
    append(store, request).then(
      () => reply({ startMs, endMs: wallClock() }),
      (error: unknown) => reply({ error: String((error as Error).stack ?? error) }),
    );
  });
  process.on("disconnect", () => {
    store.close().finally(() => process.exit(0));
  });
}

main();
