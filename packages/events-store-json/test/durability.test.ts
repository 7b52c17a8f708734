import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it, vi } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

// Records the file-system calls of a write, in order. Only a machine that
// loses power can show a missing fsync, so the order of calls is what we test.
const calls = vi.hoisted(() => [] as string[]);
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const name = (path: unknown) => String(path).split("/").pop() ?? "";
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const file = name(args[0]).endsWith(".tmp") ? "temp" : name(args[0]);
      const sync = handle.sync.bind(handle);
      const writeFile = handle.writeFile.bind(handle);
      handle.sync = async () => {
        await sync();
        calls.push(`fsync ${file}`);
      };
      handle.writeFile = async (...rest: Parameters<typeof handle.writeFile>) => {
        await writeFile(...rest);
        calls.push(`write ${file}`);
      };
      return handle;
    },
    rename: async (from: string, to: string) => {
      await actual.rename(from, to);
      calls.push(`rename ${name(from).endsWith(".tmp") ? "temp" : name(from)} → ${name(to)}`);
    },
  };
});

afterAll(removeTempDirs);

describe("JsonFileStorage durability", () => {
  it("fsyncs the temp file before the rename and the directory after it", async () => {
    const root = tempDir();
    const dir = join(root, "store");
    const storage = new JsonFileStorage({ dir });
    const record = makeRecord();
    await storage.appendEvent(record);
    expect(calls).toEqual(["write temp", "fsync temp", "rename temp → events.json", "fsync store"]);
    expect(JSON.parse(readFileSync(join(dir, "events.json"), "utf8")).events).toEqual([record]);
  });
});
