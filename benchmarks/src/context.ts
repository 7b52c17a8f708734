import { mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchContext, FULL, SMOKE } from "./config.js";
import { generateDataset } from "./dataset.js";
import { writeStoreFile } from "./fixtures.js";

function bigStoreFileIn(runTmp: string): string {
  return join(runTmp, "big", "events.json");
}

/**
 * The parent's context of one run: a temp directory, the main data set and,
 * when a selected target needs it, the big store file, written once.
 */
export async function createContext(smoke: boolean, writeBigStore: boolean): Promise<BenchContext> {
  const sizes = smoke ? SMOKE : FULL;
  const tmp = await mkdtemp(join(tmpdir(), "phaser-bench-"));
  try {
    const dataset = generateDataset({ audits: sizes.audits, events: sizes.bigStoreEvents });
    const bigStoreFile = bigStoreFileIn(tmp);
    if (writeBigStore) await writeStoreFile(bigStoreFile, dataset.records);
    return { smoke, sizes, tmp, dataset, bigStoreFile };
  } catch (error) {
    await removeTemp(tmp);
    throw error;
  }
}

/**
 * A target process's context: the same data set (it is deterministic), the
 * parent's big store file, and a temp directory of its own inside the run's.
 */
export function attachContext(smoke: boolean, runTmp: string, targetId: string): BenchContext {
  const sizes = smoke ? SMOKE : FULL;
  const tmp = join(runTmp, targetId);
  mkdirSync(tmp, { recursive: true });
  const dataset = generateDataset({ audits: sizes.audits, events: sizes.bigStoreEvents });
  return { smoke, sizes, tmp, dataset, bigStoreFile: bigStoreFileIn(runTmp) };
}

/** Removes a run's temp directory. */
export async function removeTemp(tmp: string): Promise<void> {
  await rm(tmp, { recursive: true, force: true, maxRetries: 3 });
}
