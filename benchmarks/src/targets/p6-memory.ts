import { statSync } from "node:fs";
import { join } from "node:path";
import { type BenchContext, judge } from "../config.js";
import { freshCopy } from "../fixtures.js";
import { bytes, count, ratio } from "../format.js";
import { MEMORY_KINDS, type MemoryKind, type MemorySample } from "../memory-kinds.js";
import { probeMemory } from "../memory-probe.js";
import { median } from "../stats.js";
import type { Report } from "../table.js";

const TARGET_RATIO = 2;

const LABELS: Record<MemoryKind, string> = {
  ours: "ours: JsonFileStorage open + getEvents({ auditId })",
  "json-parse-sync": "readFileSync + JSON.parse + filter (the floor of a whole-file parse)",
  "json-parse": "fs/promises readFile + JSON.parse + filter",
  lowdb: "lowdb read + filter",
};

/** P6: peak memory of a big JSON store, each contender in its own child process. */
export async function p6Memory(ctx: BenchContext): Promise<Report> {
  const fileSize = statSync(ctx.bigStoreFile).size;
  const auditId = ctx.dataset.auditIds[0] as string;
  const expected = ctx.dataset.records.filter((r) => r.audit_id === auditId).length;
  const samples = new Map<MemoryKind, MemorySample[]>(MEMORY_KINDS.map((k) => [k, []]));
  for (let run = 0; run < ctx.sizes.p6Runs; run++) {
    for (const kind of MEMORY_KINDS) {
      // Ours gets a fresh copy: it owns its file. The others only read.
      const file =
        kind === "ours"
          ? join(freshCopy(ctx.tmp, ctx.bigStoreFile, "p6"), "events.json")
          : ctx.bigStoreFile;
      const sample = await probeMemory(kind, file, auditId);
      if (sample.found !== expected)
        throw new Error(`P6: ${kind} found ${sample.found} of ${expected}`);
      samples.get(kind)?.push(sample);
    }
  }
  const peakOf = (kind: MemoryKind) =>
    median((samples.get(kind) ?? []).map((s) => s.peak - s.baseline));
  const liveOf = (kind: MemoryKind) => median((samples.get(kind) ?? []).map((s) => s.live));
  const baseline = median([...samples.values()].flat().map((s) => s.baseline));
  const ours = peakOf("ours");
  return {
    id: "P6",
    title: `peak memory of a JSON store holding ${count(ctx.dataset.records.length)} events (file ${bytes(fileSize)})`,
    columns: [
      "contender",
      "peak RSS − baseline",
      "÷ file size",
      "live heap after GC",
      "ours ÷ peer (memory)",
    ],
    rows: MEMORY_KINDS.map((kind) => [
      LABELS[kind],
      bytes(peakOf(kind)),
      ratio(peakOf(kind) / fileSize),
      bytes(liveOf(kind)),
      kind === "ours" ? "—" : ratio(ours / peakOf(kind)),
    ]),
    target: `≤ ${TARGET_RATIO}× the file size`,
    ours: `${ratio(ours / fileSize)} file size (${bytes(ours)})`,
    met: judge(ctx, ours / fileSize <= TARGET_RATIO),
    notes: [
      `Each figure is the median over ${count(ctx.sizes.p6Runs)} child process${ctx.sizes.p6Runs === 1 ? "" : "es"} per contender (node --expose-gc), one contender per process.`,
      `Baseline: the child's RSS after start-up, imports and a GC (median ${bytes(baseline)}); peak: process.resourceUsage().maxRSS after opening and one query.`,
      "Live heap: V8 heap used + external above the baseline, after a further GC, with the store (or parsed document) still alive: what it holds for as long as it is open.",
      "The async read peaks higher than the sync one: its buffer outlives the parse. Any reader that holds the whole text and parses it at once peaks at about the sync row.",
    ],
  };
}
