import { join } from "node:path";
import { type Event, EventEmitter, type EventRecord } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { MemoryStorage } from "@phaser/events-store-memory";
import { type BenchContext, judge } from "../config.js";
import { generateDataset } from "../dataset.js";
import { writeStoreFile } from "../fixtures.js";
import { count, ms, rate, ratio } from "../format.js";
import { lowdbByAudit, readLow } from "../lowdb-peer.js";
import { type Contender, medianOf, roundRobin } from "../sampling.js";
import type { Report } from "../table.js";
import { now } from "../util.js";

const TARGET_PER_S = 1_000_000;
/** Replays are short: a few unmeasured rounds let the JIT settle. */
const WARMUP_ROUNDS = 3;
const MEMORY = "ours: emitter.replay on MemoryStorage";
const JSON_STORE = "ours: emitter.replay on JsonFileStorage (warm)";

/** P7: replay one big audit to a callback. */
export async function p7Replay(ctx: BenchContext): Promise<Report> {
  const { p7AuditEvents: perAudit, p7Audits: audits, p7Samples: samples } = ctx.sizes;
  const dataset = generateDataset({ audits, events: perAudit * audits, seed: 7 });
  const ids = dataset.auditIds;
  const byAudit = new Map<string, EventRecord[]>(ids.map((id) => [id, []]));
  for (const record of dataset.records) byAudit.get(record.audit_id)?.push(record);

  const memory = new MemoryStorage();
  await memory.appendEvents(dataset.records);
  const file = join(ctx.tmp, "p7", "events.json");
  await writeStoreFile(file, dataset.records);
  const json = new JsonFileStorage({ path: file });
  await json.getEvents({ auditId: ids[0] as string }); // warm: loaded and indexed
  const db = await readLow(file);

  let sink = 0;
  const callback = (event: Event | EventRecord) => {
    sink += event.type.length;
  };
  // Each contender replays the audits in turn, the same sequence for all.
  const contender = (
    name: string,
    replay: (auditId: string) => Promise<number> | number,
  ): Contender => {
    let turn = 0;
    return {
      name,
      async sample() {
        const auditId = ids[turn++ % ids.length] as string;
        const start = now();
        const delivered = await replay(auditId);
        const elapsed = now() - start;
        if (delivered !== perAudit)
          throw new Error(`P7: ${name} delivered ${delivered} of ${perAudit}`);
        return elapsed;
      },
    };
  };
  const contenders = [
    contender(MEMORY, (id) => new EventEmitter({ storage: memory }).replay(id, callback)),
    contender(JSON_STORE, (id) => new EventEmitter({ storage: json }).replay(id, callback)),
    contender("floor: loop over the audit's pre-sorted records", (id) => {
      const list = byAudit.get(id) ?? [];
      for (const record of list) callback(record);
      return list.length;
    }),
    contender("lowdb: data.events.filter + loop", (id) => {
      const list = lowdbByAudit(db, id);
      for (const record of list) callback(record);
      return list.length;
    }),
  ];
  const times = await roundRobin(contenders, { samples, warmup: WARMUP_ROUNDS });
  await json.close();
  if (sink === 0) throw new Error("P7: the callback never ran");

  const perSecond = (name: string) => (perAudit / medianOf(times, name)) * 1000;
  const mem = perSecond(MEMORY);
  const js = perSecond(JSON_STORE);
  const ours = new Set([MEMORY, JSON_STORE]);
  return {
    id: "P7",
    title: `replay of a ${count(perAudit)}-event audit (store of ${count(audits)} audits)`,
    columns: [
      "contender",
      "median rate",
      "per replay",
      "memory ÷ peer (rate)",
      "json ÷ peer (rate)",
    ],
    rows: contenders.map(({ name }) => [
      name,
      rate(perSecond(name)),
      ms(medianOf(times, name)),
      ours.has(name) ? "—" : ratio(mem / perSecond(name)),
      ours.has(name) ? "—" : ratio(js / perSecond(name)),
    ]),
    target: "≥ 1 M events/s delivered to the callback",
    ours: `memory ${rate(mem)}, json ${rate(js)}`,
    met: judge(ctx, mem >= TARGET_PER_S && js >= TARGET_PER_S),
    notes: [
      `${count(samples)} replays per contender after ${WARMUP_ROUNDS} warm-up rounds, contenders alternating (no forced GC in between); each replays the next audit in turn.`,
      "Judged on both stores. Replay delivers Event objects; the floor and lowdb hand the raw records to the same callback.",
    ],
  };
}
