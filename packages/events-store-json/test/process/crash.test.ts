import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { trialSize, trialTimeout } from "../trial-size.js";
import {
  isUuid,
  occurrences,
  randomDelay,
  readStoreFile,
  spawnFixture,
  tmpFiles,
} from "./helpers.js";

afterAll(removeTempDirs);

const KILLS = trialSize(4, 20);

describe("JsonFileStorage when its writer is killed (SIGKILL)", () => {
  it(
    `keeps every acknowledged event through ${KILLS} kills at random moments`,
    async () => {
      const dir = tempDir();
      const path = join(dir, "events.json");
      const acked: string[] = [];

      for (let kill = 0; kill < KILLS; kill++) {
        const writer = spawnFixture("emit-ids.mjs", [path, "forever"]);
        await writer.line(isUuid);
        await randomDelay(150);
        writer.child.kill("SIGKILL");
        const exit = await writer.closed;
        expect(exit.signal, `kill ${kill}: ${writer.stderr()}`).toBe("SIGKILL");
        acked.push(...writer.lines.filter(isUuid));

        expect(existsSync(path), `kill ${kill}`).toBe(true);
        expect(statSync(path).size, `kill ${kill}`).toBeGreaterThan(0);
        // A kill mid-append may leave a torn tail: a reader gets the complete records before it.
        const stored = await new JsonFileStorage({ path }).getEvents();
        const counts = occurrences(stored.map((event) => event.id));
        const lost = acked.filter((id) => counts.get(id) !== 1);
        expect(lost, `kill ${kill}: acknowledged ids missing or doubled`).toEqual([]);
        const doubled = [...counts].filter(([, count]) => count > 1);
        expect(doubled, `kill ${kill}: ids written twice`).toEqual([]);
      }

      // The last writer may have died holding the lock: the next one takes it over.
      const started = Date.now();
      const store = new JsonFileStorage({ path });
      const last = makeRecord();
      await store.appendEvent(last);
      await store.close();
      expect(Date.now() - started).toBeLessThan(10_000);

      const ids = readStoreFile(path).events.map((event) => event.id);
      expect(ids.at(-1)).toBe(last.id);
      expect(acked.filter((id) => !ids.includes(id))).toEqual([]);
      expect(tmpFiles(dir)).toEqual([]);
      expect(existsSync(`${path}.lock`)).toBe(false);
    },
    trialTimeout(KILLS, 15_000),
  );
});
