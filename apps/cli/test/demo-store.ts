import { cp } from "node:fs/promises";
import { inject } from "vitest";
import { type CliResult, tempDir } from "./spawn-cli.js";

/** The one `phaser-events demo` run of this test run (test/global-setup.ts): its folder and output. */
export function demoRun(): { readonly storageDir: string; readonly result: CliResult } {
  return inject("demo");
}

/**
 * A copy of what `phaser-events demo` stored (two audits of the sample project,
 * all twelve event types) in `dir`, else in a fresh temp folder that the caller
 * removes: a store to read or change without running the demo again.
 */
export async function copyOfDemoStore(dir?: string): Promise<string> {
  const { storageDir, result } = demoRun();
  if (result.code !== 0) {
    throw new Error(`phaser-events demo failed (exit ${result.code}):\n${result.stderr}`);
  }
  const into = dir ?? (await tempDir());
  await cp(storageDir, into, { recursive: true });
  return into;
}
