import { existsSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { readStoreFile, spawnFixture, tmpFiles } from "./helpers.js";

afterAll(removeTempDirs);

describe("JsonFileStorage and the write lock of another process", () => {
  it("takes over a lock whose holder was killed", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    const holder = spawnFixture("hold-lock.mjs", [path, "forever"]);
    await holder.line((line) => line === "locked");
    holder.child.kill("SIGKILL");
    expect((await holder.closed).signal).toBe("SIGKILL");
    expect(existsSync(`${path}.lock`)).toBe(true);

    const started = Date.now();
    const store = new JsonFileStorage({ path });
    const record = makeRecord();
    await store.appendEvent(record);
    await store.close();
    expect(Date.now() - started).toBeLessThan(10_000);

    expect(readStoreFile(path).events.map((event) => event.id)).toEqual([record.id]);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(tmpFiles(dir)).toEqual([]);
  }, 30_000);

  it("waits for a live holder instead of failing or writing under its lock", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    const theirs = makeRecord();
    const holder = spawnFixture("hold-lock.mjs", [path, "1500", JSON.stringify(theirs)]);
    await holder.line((line) => line === "locked");

    const order: string[] = [];
    void holder.line((line) => line === "released").then((line) => order.push(line));
    const store = new JsonFileStorage({ path });
    const ours = makeRecord();
    const started = Date.now();
    await store.appendEvent(ours);
    order.push("appended");
    const waited = Date.now() - started;
    await store.close();

    expect(await holder.closed, holder.stderr()).toEqual({ code: 0, signal: null });
    expect(holder.lines).toEqual(["locked", "releasing", "released"]);
    expect(order).toEqual(["released", "appended"]);
    expect(waited).toBeGreaterThan(1000);
    // The holder replaced the file just before releasing; the append re-read it afterwards.
    expect(readStoreFile(path).events.map((event) => event.id)).toEqual([theirs.id, ours.id]);
    expect(existsSync(`${path}.lock`)).toBe(false);
  }, 30_000);
});
