import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock } from "../src/file-lock.js";
import { isLockLostError, isLockTimeoutError, JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

describe("the write lock", () => {
  it("fails a holder's write with LockLostError once its lock was replaced, writing nothing", async () => {
    const path = join(tempDir(), "events.json");
    const lock = await acquireLock(path, 1000);
    lock.verify(); // still ours
    const theirs = JSON.stringify({ pid: process.pid, host: "h", token: "someone else's" });
    writeFileSync(`${path}.lock`, theirs);
    let error: unknown;
    try {
      lock.verify();
    } catch (caught) {
      error = caught;
    }
    expect(isLockLostError(error), String(error)).toBe(true);
    lock.release(); // not ours any more: left alone
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(theirs);
  });

  it("takes over the directory lock of an earlier version once it is no longer refreshed", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    mkdirSync(`${path}.lock`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    await new JsonFileStorage({ path, lockTimeoutMs: 5000 }).appendEvent(makeRecord());
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("waits for a directory lock an earlier version still refreshes", async () => {
    const path = join(tempDir(), "events.json");
    mkdirSync(`${path}.lock`); // just made: its holder is alive
    const error = await new JsonFileStorage({ path, lockTimeoutMs: 300 })
      .appendEvent(makeRecord())
      .catch((e: unknown) => e);
    expect(isLockTimeoutError(error), String(error)).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it("refuses the removed staleLockMs option with a TypeError that says what to use", () => {
    const options = { dir: tempDir(), staleLockMs: 4000 } as object;
    expect(() => new JsonFileStorage(options)).toThrow(TypeError);
    expect(() => new JsonFileStorage(options)).toThrow(/lockTimeoutMs.*breakLock/);
  });
});
