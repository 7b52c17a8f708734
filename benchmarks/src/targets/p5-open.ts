import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { JsonFileStorage } from "@phaser/events-store-json";
import { type BenchContext, judge } from "../config.js";
import { freshCopy } from "../fixtures.js";
import { bytes, count, ms, ratio } from "../format.js";
import { lowdbByAudit, readLow } from "../lowdb-peer.js";
import { type Contender, medianOf, roundRobin } from "../sampling.js";
import type { Report } from "../table.js";
import { now } from "../util.js";

const TARGET_RATIO = 1.5;
const OURS = "ours: new JsonFileStorage + first getEvents({ auditId })";
const PARSE = "JSON.parse(text) (text already in memory)";
const READ_PARSE = "readFile + JSON.parse (the reference)";

/** P5: open a big store and answer its first query, against parsing its text. */
export async function p5Open(ctx: BenchContext): Promise<Report> {
  const file = ctx.bigStoreFile;
  const text = readFileSync(file, "utf8");
  const auditId = ctx.dataset.auditIds[0] as string;
  const expected = ctx.dataset.records.filter((r) => r.audit_id === auditId).length;
  const check = (found: number, who: string) => {
    if (found !== expected)
      throw new Error(`P5: ${who} found ${found} events, expected ${expected}`);
  };

  const contenders: Contender[] = [
    {
      name: PARSE,
      async sample() {
        const start = now();
        const doc = JSON.parse(text) as { events: unknown[] };
        const elapsed = now() - start;
        if (doc.events.length !== ctx.dataset.records.length) throw new Error("P5: short parse");
        return elapsed;
      },
    },
    {
      name: READ_PARSE,
      async sample() {
        const start = now();
        const doc = JSON.parse(await readFile(file, "utf8")) as { events: unknown[] };
        const elapsed = now() - start;
        if (doc.events.length !== ctx.dataset.records.length) throw new Error("P5: short parse");
        return elapsed;
      },
    },
    {
      name: "lowdb: new Low(new JSONFile(f)).read() + filter",
      async sample() {
        const start = now();
        const found = lowdbByAudit(await readLow(file), auditId).length;
        const elapsed = now() - start;
        check(found, "lowdb");
        return elapsed;
      },
    },
    {
      name: OURS,
      async sample() {
        const dir = freshCopy(ctx.tmp, file, "p5");
        const start = now();
        const store = new JsonFileStorage({ dir });
        const found = (await store.getEvents({ auditId })).length;
        const elapsed = now() - start;
        await store.close();
        check(found, "ours");
        return elapsed;
      },
    },
  ];

  const times = await roundRobin(contenders, { samples: ctx.sizes.p5Samples, gcEachSample: true });
  const ours = medianOf(times, OURS);
  const reference = medianOf(times, READ_PARSE);
  return {
    id: "P5",
    title: `open a ${count(ctx.dataset.records.length)}-event JSON store (${bytes(statSync(file).size)}) and answer its first query`,
    columns: ["contender", "median time", "ours ÷ peer (time)"],
    rows: contenders.map((c) => {
      const median = medianOf(times, c.name);
      return [c.name, ms(median), c.name === OURS ? "—" : ratio(ours / median)];
    }),
    target: "≤ 1.5× the time of readFile + JSON.parse of that file",
    ours: `${ratio(ours / reference)} readFile + JSON.parse (${ms(ours)})`,
    met: judge(ctx, ours / reference <= TARGET_RATIO),
    notes: [
      `${count(ctx.sizes.p5Samples)} samples each after a warm-up round, contenders alternating, GC before each sample.`,
      "Ours opens a fresh copy of the file each time (copied before the clock starts); the file is in the page cache for every contender.",
    ],
  };
}
