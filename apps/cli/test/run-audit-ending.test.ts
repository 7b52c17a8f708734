import { rm } from "node:fs/promises";
import { EventEmitter, type EventRecord, type EventStorage } from "@phaser/events-core";
import { groupCommit } from "@phaser/events-core/store-kit";
import { afterEach, describe, expect, it } from "vitest";
import { runAudit } from "../src/audit/run-audit.js";
import { parsePlan } from "../src/plan/load-plan.js";
import { tempDir } from "./run-cli.js";

/**
 * A store that commits in groups, as the JSON and PostgreSQL stores do (core's `groupCommit`),
 * and remembers each write's records: what the audit's end costs in writes.
 */
class RecordingStore implements EventStorage {
  readonly writes: EventRecord[][] = [];
  readonly #append = groupCommit<EventRecord>(async (records) => {
    this.writes.push([...records]);
  });
  appendEvent(record: EventRecord): Promise<void> {
    return this.#append([record]);
  }
  appendEvents(records: readonly EventRecord[]): Promise<void> {
    return this.#append(records);
  }
  async getEvents(): Promise<EventRecord[]> {
    return this.writes.flat();
  }
  async clearEvents(): Promise<number> {
    return 0;
  }
}

let cwd: string;

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const typesOf = (records: readonly EventRecord[]) => records.map((r) => [r.type, r.phase]);

describe("runAudit: the failed phase and the audit's end go in one write", () => {
  it("interrupted: phase_failed and audit_abandoned (user_request) share the last write", async () => {
    cwd = await tempDir();
    const store = new RecordingStore();
    const emitter = new EventEmitter({ storage: store });
    const interrupt = new AbortController();
    // Ctrl-C as the phase starts: its command is stopped before it gets far.
    emitter.subscribe((event) => {
      if (event.type === "phase_started") interrupt.abort();
    });
    const plan = parsePlan(
      { project: "p", slug: "s", phases: [{ title: "Waits", run: "sleep 30" }, { title: "Next" }] },
      "plan.yaml",
    );
    const summary = await runAudit(plan, { emitter, cwd, signal: interrupt.signal });
    expect(summary.status).toBe("user_request");
    expect(typesOf(store.writes.at(-1) ?? [])).toEqual([
      ["phase_failed", 1],
      ["audit_abandoned", null],
    ]);
    expect(store.writes.at(-1)?.[1]?.data).toMatchObject({
      reason: "user_request",
      phases_completed: 0,
      phases_remaining: 1,
    });
    expect(store.writes.at(-1)?.[0]?.data).toMatchObject({ attempts: 1 });
  });

  it("failed: phase_failed, the phases after it skipped, then audit_abandoned (error), in one write", async () => {
    cwd = await tempDir();
    const store = new RecordingStore();
    const emitter = new EventEmitter({ storage: store });
    const plan = parsePlan(
      {
        project: "p",
        slug: "s",
        phases: [
          { title: "Passes", verify: ["true"] },
          { title: "Fails", verify: ["exit 3"] },
          { title: "Third" },
          { title: "Fourth" },
        ],
      },
      "plan.yaml",
    );
    const summary = await runAudit(plan, { emitter, cwd });
    expect(summary).toMatchObject({ status: "error", phasesCompleted: 1, phasesSkipped: 0 });
    expect(typesOf(store.writes.at(-1) ?? [])).toEqual([
      ["phase_failed", 2],
      ["phase_skipped", 3],
      ["phase_skipped", 4],
      ["audit_abandoned", null],
    ]);
    expect(store.writes.at(-1)?.at(-1)?.data).toMatchObject({
      reason: "error",
      phases_completed: 1,
      phases_remaining: 2,
    });
    // The events are those a reader sees, in the order they were made.
    const all = await store.getEvents();
    expect(all.map((r) => r.type).slice(-5)).toEqual([
      "verification_failed",
      "phase_failed",
      "phase_skipped",
      "phase_skipped",
      "audit_abandoned",
    ]);
  });
});
