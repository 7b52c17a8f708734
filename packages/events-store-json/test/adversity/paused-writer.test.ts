import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { inspectJsonStore, JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { type FixtureProcess, randomDelay } from "../process/helpers.js";
import { trialSize, trialTimeout } from "../trial-size.js";
import {
  ackedIds,
  ackedMoreThan,
  notExactlyOnce,
  pythonJsonLoad,
  readLockOwner,
  spawnWriter,
  stopWhileHoldingLock,
  stopWriter,
} from "./helpers.js";

afterAll(removeTempDirs);

/** Longer than the stale window of the store before v2 (4 s), after which it took a lock over. */
const PAUSE_MS = 4500;
const PAUSES = trialSize(1, 5);

const running: FixtureProcess[] = [];
afterEach(() => {
  for (const writer of running.splice(0)) {
    if (writer.child.exitCode === null && writer.child.signalCode === null) {
      writer.child.kill("SIGCONT");
      writer.child.kill("SIGKILL");
    }
  }
});

function writer(path: string, options: Parameters<typeof spawnWriter>[1] = {}): FixtureProcess {
  const child = spawnWriter(path, options);
  running.push(child);
  return child;
}

function events(path: string): string[] {
  const file = JSON.parse(readFileSync(path, "utf8")) as { events: { id: string }[] };
  return file.events.map((event) => event.id);
}

describe("a writer paused (SIGSTOP) longer than any stale window", () => {
  it(
    `loses no acknowledged event of two looping writers through ${PAUSES} pauses of ${PAUSE_MS} ms`,
    async () => {
      const path = join(tempDir(), "events.json");
      const lockPath = `${path}.lock`;
      const paused = writer(path);
      const other = writer(path);
      await Promise.all([ackedMoreThan(paused, 0), ackedMoreThan(other, 0)]);
      const pid = paused.child.pid ?? -1;

      for (let pause = 0; pause < PAUSES; pause++) {
        await randomDelay(300);
        // The first pause lands while the writer holds the lock (the case that lost
        // events before v2); the others at whatever moment the random delay picks.
        let holding: boolean;
        if (pause === 0) {
          await stopWhileHoldingLock(paused, lockPath);
          holding = true;
        } else {
          paused.child.kill("SIGSTOP");
          holding = (await readLockOwner(lockPath))?.pid === pid;
        }
        const before = { paused: ackedIds(paused).length, other: ackedIds(other).length };
        await sleep(PAUSE_MS);
        const progressed = ackedIds(other).length - before.other;
        if (holding) {
          // Its own emit may have printed its id just after the paused writer took the lock.
          expect(progressed, `pause ${pause}: the other writer took the lock`).toBeLessThanOrEqual(
            1,
          );
          expect((await readLockOwner(lockPath))?.pid, `pause ${pause}: lock holder`).toBe(pid);
        } else {
          expect(
            progressed,
            `pause ${pause}: a paused writer without the lock blocked`,
          ).toBeGreaterThan(0);
        }
        paused.child.kill("SIGCONT");
        await Promise.all([
          ackedMoreThan(paused, before.paused),
          ackedMoreThan(other, ackedIds(other).length),
        ]);
      }

      stopWriter(paused);
      stopWriter(other);
      expect(await paused.closed, paused.stderr()).toEqual({ code: 0, signal: null });
      expect(await other.closed, other.stderr()).toEqual({ code: 0, signal: null });

      const ids = events(path);
      expect(notExactlyOnce(ackedIds(paused), ids), "paused writer: not exactly once").toEqual([]);
      expect(notExactlyOnce(ackedIds(other), ids), "other writer: not exactly once").toEqual([]);
      expect(ids).toHaveLength(ackedIds(paused).length + ackedIds(other).length);
      expect(await pythonJsonLoad(path)).toBe("");
    },
    // 28 s were seen under `pnpm test` (four suites at a time on two cores): starting the
    // writers, catching one holding the lock and the pause itself all wait their turn.
    60_000 + trialTimeout(PAUSES, 15_000),
  );

  it("keeps its lock: a waiter times out naming it, writes nothing, and all proceeds after SIGCONT", async () => {
    const path = join(tempDir(), "events.json");
    const lockPath = `${path}.lock`;
    const holder = writer(path, { maxPadding: 4000 });
    await ackedMoreThan(holder, 0);
    const pid = holder.child.pid ?? -1;

    const owner = await stopWhileHoldingLock(holder, lockPath);
    const stoppedAt = Date.now();
    const { lock } = await inspectJsonStore(path);
    expect(lock.state, "inspectJsonStore on a paused holder's lock").toBe("live");
    expect(lock.holder?.pid).toBe(pid);
    const acked = ackedIds(holder).length;
    const store = new JsonFileStorage({ path, lockTimeoutMs: 2000 });
    const refused = makeRecord();
    const started = Date.now();
    const error = (await store.appendEvent(refused).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; message?: string } | undefined;
    const waited = Date.now() - started;

    expect(error?.code, String(error?.message)).toBe("LOCK_TIMEOUT");
    expect(error?.message).toContain(String(pid));
    expect(waited).toBeGreaterThanOrEqual(1900);
    expect(waited, "it gave up on its timeout, not when the holder resumed").toBeLessThan(4500);
    expect(await readLockOwner(lockPath), "the lock is still the paused holder's").toEqual(owner);

    await sleep(Math.max(0, 5000 - (Date.now() - stoppedAt)));
    expect(readFileSync(path, "utf8")).not.toContain(refused.id);
    holder.child.kill("SIGCONT");
    await ackedMoreThan(holder, acked);

    const accepted = makeRecord();
    await new JsonFileStorage({ path }).appendEvent(accepted);
    stopWriter(holder);
    expect(await holder.closed, holder.stderr()).toEqual({ code: 0, signal: null });

    const ids = events(path);
    expect(ids).not.toContain(refused.id);
    expect(notExactlyOnce([...ackedIds(holder), accepted.id], ids)).toEqual([]);
    expect(ids).toHaveLength(ackedIds(holder).length + 1);
  }, 40_000);
});
