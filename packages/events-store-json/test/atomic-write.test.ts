import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setImmediate } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const appendLoop = fileURLToPath(new URL("./fixtures/append-loop.mjs", import.meta.url));

describe("JsonFileStorage appends in place (real processes)", () => {
  it("never fails a reader, or shows it a partial record, while another process appends", async () => {
    const path = join(tempDir(), "events.json");
    const child = spawn(process.execPath, [appendLoop, path, "300"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    let running = true;
    void exited.then(() => {
      running = false;
    });

    // A fresh store per read, so each read parses the file from its first byte, as a new
    // process would; and one long-lived store, which reads only the appended bytes.
    const longLived = new JsonFileStorage({ path, onWarning: () => {} });
    let reads = 0;
    let seen = 0;
    const bad: string[] = [];
    while (running) {
      await setImmediate(); // reads are synchronous: let the child's exit through
      for (const storage of [new JsonFileStorage({ path }), longLived]) {
        try {
          const events = await storage.getEvents();
          if (events.length < seen) bad.push(`went back from ${seen} to ${events.length} events`);
          if (events.some((event) => event.data.padding !== "x".repeat(400)))
            bad.push("a partial record");
          seen = Math.max(seen, events.length);
          reads++;
        } catch (error) {
          bad.push((error as Error).message);
        }
      }
    }
    expect(await exited, stderr).toBe(0);
    expect(bad).toEqual([]);
    expect(reads).toBeGreaterThan(10);
    expect(await longLived.getEvents()).toHaveLength(300);
    const final = JSON.parse(await readFile(path, "utf8"));
    expect(final.events).toHaveLength(300);
  }, 60_000);
});
