import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const appendLoop = fileURLToPath(new URL("./fixtures/append-loop.mjs", import.meta.url));

describe("JsonFileStorage atomic writes (real processes)", () => {
  it("never shows a reader a partial file while another process writes", async () => {
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

    let reads = 0;
    const bad: string[] = [];
    while (running) {
      const text = await readFile(path, "utf8").catch(() => undefined);
      if (text === undefined) continue; // not created yet
      reads++;
      try {
        JSON.parse(text);
      } catch (error) {
        bad.push(`${(error as Error).message} (${text.length} bytes)`);
      }
    }
    expect(await exited, stderr).toBe(0);
    expect(bad).toEqual([]);
    expect(reads).toBeGreaterThan(10);
    const final = JSON.parse(await readFile(path, "utf8"));
    expect(final.events).toHaveLength(300);
  }, 60_000);
});
