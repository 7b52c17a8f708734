import { configDefaults, defineConfig } from "vitest/config";

/** Hundreds of megabytes through the server: CI only (`.ci/run` sets PHASER_FULL_TRIALS=1). */
const FULL_ONLY = ["test/large-appends.test.ts"];

export default defineConfig({
  test: {
    // Starts one throwaway PostgreSQL server for the run (test/global-setup.ts).
    globalSetup: ["test/global-setup.ts"],
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.PHASER_FULL_TRIALS === "1" ? [] : FULL_ONLY),
    ],
    // Each file works in databases of its own (freshDatabase), so a worker keeps its module graph
    // (pg, the store, the testkit) from file to file instead of loading it again for each; and
    // two files at a time keep both cores busy while one waits on the server or its processes.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
