import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import {
  type FixtureProcess,
  type SpawnFixtureOptions,
  spawnNodeScript,
} from "@phaser/events-storage-testkit/process";

/** Absolute path of a script in `test/fixtures/`. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** Starts `node test/fixtures/<name> ...args`; the fixture imports the BUILT package (dist/). */
export function spawnFixture(
  name: string,
  args: readonly string[],
  options: SpawnFixtureOptions = {},
): FixtureProcess {
  return spawnNodeScript(fixturePath(name), args, options);
}

/** The events file parsed as JSON (throws when it is not). */
export function readStoreFile(path: string): { version: unknown; events: { id: string }[] } {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Temp files (`*.tmp`) left in `dir`. */
export function tmpFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(".tmp"));
}

/** Waits a random whole number of ms in `[0, maxMs]`: the moment of a kill. */
export function randomDelay(maxMs: number): Promise<void> {
  return sleep(Math.floor(Math.random() * (maxMs + 1)));
}

export type { Exit, FixtureProcess } from "@phaser/events-storage-testkit/process";
export { isUuid, occurrences } from "@phaser/events-storage-testkit/process";
