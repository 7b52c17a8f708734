import type { EventRecord, EventType } from "@phaser/events-core";
import { payloadFor } from "./payloads.js";
import { Prng } from "./prng.js";

export interface DatasetOptions {
  /** Number of audits. */
  readonly audits: number;
  /** Total number of events, spread evenly over the audits (at least 4 per audit). */
  readonly events: number;
  /** PRNG seed: the same seed gives the same records. */
  readonly seed?: number;
  /** How many audits run at the same time (their events interleave). Default 3. */
  readonly lanes?: number;
}

export interface Dataset {
  /** Valid wire records in timestamp order (strictly increasing timestamps). */
  readonly records: readonly EventRecord[];
  /** The audit ids, in the order the audits started. */
  readonly auditIds: readonly string[];
  /** Mean size of one record as compact JSON, in bytes. */
  readonly meanBytes: number;
  /** How many records of each type. */
  readonly typeCounts: Readonly<Record<string, number>>;
}

interface Step {
  readonly type: EventType;
  readonly phase: number;
}

/** 10:15:30.123 UTC on 5 December 2025, the spec's example instant. */
const START_MS = Date.UTC(2025, 11, 5, 10, 15, 30, 123);

/**
 * The events of one audit, in order: audit_started, then per phase
 * phase_started, its file_* and verification_* events and a phase end, then
 * audit_completed (or audit_abandoned). Phases: 4–8, about 6.
 */
function planAudit(rng: Prng, budget: number): { steps: Step[]; phases: number } {
  const phases = Math.max(1, Math.min(rng.int(4, 8), Math.floor((budget - 2) / 2)));
  const perPhase = new Array<number>(phases).fill(0);
  for (let i = 0; i < budget - 2 - 2 * phases; i++) {
    const at = rng.int(0, phases - 1);
    perPhase[at] = (perPhase[at] ?? 0) + 1;
  }
  const steps: Step[] = [{ type: "audit_started", phase: 0 }];
  for (let phase = 1; phase <= phases; phase++) {
    steps.push({ type: "phase_started", phase });
    for (let i = 0; i < (perPhase[phase - 1] ?? 0); i++) steps.push({ type: bodyType(rng), phase });
    const end = rng.next();
    const type = end < 0.04 ? "phase_failed" : end < 0.08 ? "phase_skipped" : "phase_completed";
    steps.push({ type, phase });
  }
  steps.push({ type: rng.chance(0.05) ? "audit_abandoned" : "audit_completed", phase: phases });
  return { steps, phases };
}

/** What happens inside a phase: mostly file changes, then verify commands. */
function bodyType(rng: Prng): EventType {
  const r = rng.next();
  if (r < 0.58) {
    const f = r / 0.58;
    return f < 0.35 ? "file_created" : f < 0.9 ? "file_modified" : "file_deleted";
  }
  return rng.chance(0.85) ? "verification_passed" : "verification_failed";
}

/**
 * A realistic, deterministic data set: `audits` audits of about 6 phases,
 * `lanes` of them running at once, timestamps 1–1,500 ms apart.
 */
export function generateDataset(options: DatasetOptions): Dataset {
  const rng = new Prng(options.seed ?? 20251205);
  const audits = Array.from({ length: options.audits }, (_, i) => {
    const budget =
      Math.floor(options.events / options.audits) + (i < options.events % options.audits ? 1 : 0);
    if (budget < 4) throw new RangeError(`an audit needs at least 4 events, got ${budget}`);
    return { id: rng.uuid(), next: 0, ...planAudit(rng, budget) };
  });
  const waiting = [...audits];
  const active = waiting.splice(0, options.lanes ?? 3);
  const records: EventRecord[] = [];
  const typeCounts: Record<string, number> = {};
  let clock = START_MS;
  let bytes = 0;
  while (active.length > 0) {
    const lane = rng.int(0, active.length - 1);
    const audit = active[lane] as (typeof audits)[number];
    const step = audit.steps[audit.next++] as Step;
    clock += rng.int(1, 1_500);
    const auditLevel = step.type.startsWith("audit_");
    const record: EventRecord = {
      id: rng.uuid(),
      type: step.type,
      timestamp: new Date(clock).toISOString(),
      audit_id: audit.id,
      phase: auditLevel ? null : step.phase,
      data: payloadFor(step.type, rng, step.phase, audit.phases),
    };
    records.push(record);
    bytes += Buffer.byteLength(JSON.stringify(record));
    typeCounts[step.type] = (typeCounts[step.type] ?? 0) + 1;
    if (audit.next === audit.steps.length) {
      const following = waiting.shift();
      if (following === undefined) active.splice(lane, 1);
      else active[lane] = following;
    }
  }
  return {
    records,
    auditIds: audits.map((a) => a.id),
    meanBytes: records.length === 0 ? 0 : bytes / records.length,
    typeCounts,
  };
}
