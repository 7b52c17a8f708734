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

/**
 * Polls `check` until it returns a value other than undefined: for states of
 * the server no event announces (a query waiting on a lock). Rejects after
 * `timeoutMs`.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export type { Exit, FixtureProcess } from "@phaser/events-storage-testkit/process";
export { isUuid, occurrences } from "@phaser/events-storage-testkit/process";
