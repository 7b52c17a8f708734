/**
 * The child process of P6 (dist/memory-child.js): measures the memory one way
 * of opening a store file costs, in a process that does nothing else.
 *
 *   node --expose-gc dist/memory-child.js <kind> <file> <auditId>
 *
 * Prints one JSON line: the baseline RSS after start-up and GC, the peak RSS
 * (maxRSS) after opening and querying, and the live heap still held after a GC.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { JsonFileStorage } from "@phaser/events-store-json";
import { lowdbByAudit, readLow } from "./lowdb-peer.js";
import { isMemoryKind, type MemoryKind, type MemorySample } from "./memory-kinds.js";
import { collectGarbage, sleep } from "./util.js";

/** Opens `file` the `kind` way and answers one query; returns what must stay alive, and the count found. */
async function open(kind: MemoryKind, file: string, auditId: string): Promise<[unknown, number]> {
  switch (kind) {
    case "ours": {
      const store = new JsonFileStorage({ path: file });
      return [store, (await store.getEvents({ auditId })).length];
    }
    case "json-parse-sync": {
      const doc = JSON.parse(readFileSync(file, "utf8")) as { events: { audit_id: string }[] };
      return [doc, doc.events.filter((e) => e.audit_id === auditId).length];
    }
    case "json-parse": {
      const doc = JSON.parse(await readFile(file, "utf8")) as { events: { audit_id: string }[] };
      return [doc, doc.events.filter((e) => e.audit_id === auditId).length];
    }
    case "lowdb": {
      const db = await readLow(file);
      return [db, lowdbByAudit(db, auditId).length];
    }
  }
}

/** Bytes of live JavaScript data: V8's used heap plus memory held outside it (buffers). */
function liveHeap(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

async function main(): Promise<void> {
  const [kind, file, auditId] = process.argv.slice(2);
  if (!isMemoryKind(kind) || file === undefined || auditId === undefined) {
    throw new Error(
      "usage: memory-child.js <ours|json-parse-sync|json-parse|lowdb> <file> <auditId>",
    );
  }
  if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error("run with --expose-gc");
  collectGarbage();
  await sleep(20);
  collectGarbage();
  const baseline = process.memoryUsage.rss();
  const heapBefore = liveHeap();
  const [held, found] = await open(kind, file, auditId);
  const peak = process.resourceUsage().maxRSS * 1024;
  collectGarbage();
  const sample: MemorySample = { baseline, peak, live: liveHeap() - heapBefore, found };
  // `held` stays reachable until here, so the GC above cannot free it.
  if (held === undefined) throw new Error("nothing opened");
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
