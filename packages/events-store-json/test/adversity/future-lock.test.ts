import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { inspectJsonStore, JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import type { FixtureProcess } from "../process/helpers.js";
import { ackedIds, notExactlyOnce, spawnWriter, startWriter } from "./helpers.js";

afterAll(removeTempDirs);

const children: ChildProcess[] = [];
const running: FixtureProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const writer of running.splice(0)) writer.child.kill("SIGKILL");
});

const HOUR_MS = 3_600_000;

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks since boot. */
function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  if (start === undefined) throw new Error(`no start time in /proc/${pid}/stat`);
  return start;
}

const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();

/** A process that runs until the test ends. */
async function sleeper(): Promise<{ pid: number; start: string }> {
  const child = spawn("sleep", ["600"], { stdio: "ignore" });
  children.push(child);
  await once(child, "spawn");
  const pid = child.pid ?? -1;
  return { pid, start: startTimeOf(pid) };
}

/** A process that ran and exited: its pid and start time, read while it ran (`cat`, until its stdin ends). */
async function deadProcess(): Promise<{ pid: number; start: string }> {
  const child = spawn("cat", [], { stdio: ["pipe", "ignore", "ignore"] });
  await once(child, "spawn");
  const pid = child.pid ?? -1;
  const start = startTimeOf(pid);
  child.stdin?.end();
  await once(child, "exit");
  return { pid, start };
}

interface Holder {
  readonly pid: number;
  readonly start: string;
  readonly host?: string;
}

/** A store file holding one record, and a lock naming `holder`, dated (content and mtime) an hour ahead. */
async function lockedStore(holder: Holder) {
  const path = join(tempDir(), "events.json");
  const seed = makeRecord();
  await new JsonFileStorage({ path }).appendEvent(seed);
  const lockPath = `${path}.lock`;
  const future = new Date(Date.now() + HOUR_MS);
  const lock = {
    pid: holder.pid,
    start: holder.start,
    host: holder.host ?? hostname(),
    boot: bootId,
    token: "future-token",
    since: future.toISOString(),
  };
  writeFileSync(lockPath, `${JSON.stringify(lock)}\n`);
  utimesSync(lockPath, future, future);
  return { path, lockPath, seed, bytes: readFileSync(path), lockBytes: readFileSync(lockPath) };
}

function ids(path: string): string[] {
  const file = JSON.parse(readFileSync(path, "utf8")) as { events: { id: string }[] };
  return file.events.map((event) => event.id);
}

async function timedAppend(storage: JsonFileStorage) {
  const record = makeRecord();
  const started = Date.now();
  const error = await storage.appendEvent(record).then(
    () => undefined,
    (e: unknown) => e as { code?: string; message?: string },
  );
  return { record, error, ms: Date.now() - started };
}

describe("a lock file dated in the future", () => {
  it("is taken over at once when its holder is dead", async () => {
    const dead = await deadProcess();
    const { path, lockPath, seed } = await lockedStore(dead);
    const { lock } = await inspectJsonStore(path);
    expect(lock.state).toBe("stale");
    expect(lock.holder?.pid).toBe(dead.pid);
    const { record, error, ms } = await timedAppend(new JsonFileStorage({ path }));
    expect(error).toBeUndefined();
    expect(ms).toBeLessThan(2000);
    expect(ids(path)).toEqual([seed.id, record.id]);
    expect(existsSync(lockPath)).toBe(false);
  }, 15_000);

  it("is taken over at once when its pid runs another process (another start time)", async () => {
    const { pid } = await sleeper();
    const { path, lockPath, seed } = await lockedStore({ pid, start: "1" });
    expect((await inspectJsonStore(path)).lock.state).toBe("stale");
    const { record, error, ms } = await timedAppend(new JsonFileStorage({ path }));
    expect(error).toBeUndefined();
    expect(ms).toBeLessThan(2000);
    expect(ids(path)).toEqual([seed.id, record.id]);
    expect(existsSync(lockPath)).toBe(false);
  }, 15_000);

  it("is never taken from a live holder; breakLock() removes it, then the append succeeds", async () => {
    const live = await sleeper();
    const { path, lockPath, seed, bytes, lockBytes } = await lockedStore(live);
    const { lock } = await inspectJsonStore(path);
    expect(lock.state).toBe("live");
    expect(lock.holder?.pid).toBe(live.pid);
    const storage = new JsonFileStorage({ path, lockTimeoutMs: 1000 });
    const { record, error, ms } = await timedAppend(storage);
    expect(error?.code, error?.message).toBe("LOCK_TIMEOUT");
    expect(error?.message).toContain(String(live.pid));
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(5000);
    expect(readFileSync(path).equals(bytes), "nothing written").toBe(true);
    expect(readFileSync(lockPath).equals(lockBytes), "the lock untouched").toBe(true);

    expect(await storage.breakLock()).toBe(true);
    expect(existsSync(lockPath)).toBe(false);
    expect(await storage.breakLock()).toBe(false);
    await storage.appendEvent(record);
    expect(ids(path)).toEqual([seed.id, record.id]);
    expect(existsSync(lockPath)).toBe(false);
  }, 15_000);

  it("is taken over once by racing writers: each acknowledged event lands exactly once", async () => {
    const { path, lockPath, seed } = await lockedStore(await deadProcess());
    // Started Node and loaded the store first, so that all reach the lock at about the same time.
    const writers = Array.from({ length: 6 }, () => spawnWriter("-", { count: 3 }));
    running.push(...writers);
    for (const writer of writers) startWriter(writer, path);
    const exits = await Promise.all(writers.map((writer) => writer.closed));
    writers.forEach((writer, n) => {
      expect(exits[n], `writer ${n}: ${writer.stderr()}`).toEqual({ code: 0, signal: null });
    });
    const acked = [seed.id, ...writers.flatMap(ackedIds)];
    expect(acked).toHaveLength(19);
    expect(notExactlyOnce(acked, ids(path))).toEqual([]);
    expect(ids(path)).toHaveLength(19);
    expect(existsSync(lockPath)).toBe(false);
  }, 30_000);

  it("is never taken over when it names another host, even with a dead pid", async () => {
    const dead = await deadProcess();
    const { path, lockPath, bytes } = await lockedStore({ ...dead, host: "another-host.invalid" });
    expect((await inspectJsonStore(path)).lock.state).toBe("unknown");
    const { error, ms } = await timedAppend(new JsonFileStorage({ path, lockTimeoutMs: 1000 }));
    expect(error?.code, error?.message).toBe("LOCK_TIMEOUT");
    expect(error?.message).toContain("another-host.invalid");
    expect(ms).toBeLessThan(5000);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(lockPath)).toBe(true);
  }, 15_000);
});
