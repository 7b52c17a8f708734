/**
 * The writer process of J2 (dist/append-child.js): appends the records its
 * parent sends, one at a time, through its own JsonFileStorage on `file`.
 *
 *   fork("dist/append-child.js", [file])   // then send { record }, await the reply
 *
 * Replies to each with the `process.hrtime` instant just before the append
 * (CLOCK_MONOTONIC on Linux, shared by every process, so the parent can time
 * delivery from it) and how long the append took. Closes the store and exits
 * when the parent disconnects. `{ gc: true }` collects garbage (run with
 * --expose-gc), so that the load of a big file is not collected in a timed window.
 */
import { JsonFileStorage } from "@phaser/events-store-json";
import type { AppendReply, AppendRequest } from "./append-messages.js";

function main(): void {
  const file = process.argv[2];
  if (file === undefined || process.send === undefined) {
    throw new Error("usage: fork('append-child.js', [file]) with an IPC channel");
  }
  const store = new JsonFileStorage({ path: file });
  const reply = (message: AppendReply) => process.send?.(message);
  process.on("message", (message: AppendRequest) => {
    if ("gc" in message) {
      (globalThis as { gc?: () => void }).gc?.();
      reply({ collected: true });
      return;
    }
    const start = process.hrtime.bigint();
    store.appendEvent(message.record).then(
      () => {
        const appendMs = Number(process.hrtime.bigint() - start) / 1e6;
        reply({ start: start.toString(), appendMs });
      },
      (error: unknown) => reply({ error: String((error as Error).stack ?? error) }),
    );
  });
  process.on("disconnect", () => {
    store.close().finally(() => process.exit(0));
  });
}

main();
