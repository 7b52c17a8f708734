import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "../helpers.js";
import { trialSize, trialTimeout } from "../trial-size.js";
import { isUuid, occurrences, readStoreFile, spawnFixture } from "./helpers.js";

afterAll(removeTempDirs);

const PROCESSES = trialSize(4, 8);
/** Emits of each process; 4 × 100 took up to 10 s in all with the machine loaded. */
const EMITS = trialSize(100, 150);

describe("JsonFileStorage shared by concurrent processes", () => {
  it(
    `keeps every acknowledged event of ${PROCESSES} processes × ${EMITS} emits, once, in order`,
    async () => {
      const path = join(tempDir(), "events.json");
      const writers = Array.from({ length: PROCESSES }, () =>
        spawnFixture("emit-ids.mjs", [path, String(EMITS)]),
      );
      const exits = await Promise.all(writers.map((writer) => writer.closed));

      writers.forEach((writer, n) => {
        expect(exits[n], `writer ${n}: ${writer.stderr()}`).toEqual({ code: 0, signal: null });
        expect(writer.lines.filter(isUuid), `writer ${n} acknowledged`).toHaveLength(EMITS);
      });
      const file = readStoreFile(path);
      expect(file.version).toBe(1);
      expect(file.events).toHaveLength(PROCESSES * EMITS);

      const ids = file.events.map((event) => event.id);
      const counts = occurrences(ids);
      const position = new Map(ids.map((id, index) => [id, index]));
      for (const [n, writer] of writers.entries()) {
        const missing = writer.lines.filter((id) => !position.has(id));
        expect(missing, `writer ${n}: acknowledged but not in the file`).toEqual([]);
        const doubled = writer.lines.filter((id) => counts.get(id) !== 1);
        expect(doubled, `writer ${n}: in the file more than once`).toEqual([]);
        const positions = writer.lines.map((id) => position.get(id) ?? -1);
        const sorted = [...positions].sort((a, b) => a - b);
        expect(positions, `writer ${n}: file order differs from emit order`).toEqual(sorted);
      }
    },
    trialTimeout(PROCESSES * EMITS, 100),
  );
});
