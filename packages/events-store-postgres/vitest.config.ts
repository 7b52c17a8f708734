import { configDefaults, defineConfig } from "vitest/config";

/**
 * Hundreds of megabytes through the server: CI only (`.ci/run` sets PHASER_FULL_TRIALS=1), and
 * after every other file, alone: beside them, on a loaded machine, its transactions can starve.
 */
const LARGE = ["test/large-appends.test.ts"];
const FULL = process.env.PHASER_FULL_TRIALS === "1";

export default defineConfig({
  test: {
    // Starts one throwaway PostgreSQL server for the run (test/global-setup.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time keep both cores busy while one waits on the server or its processes.
    maxWorkers: 2,
    // The pool decides once, from this root setting, whether a worker runs more than one file: a
    // project's `isolate: false` alone still started a worker (Node, vitest, pg, the store, the
    // testkit) for each file.
    poolOptions: { forks: { isolate: false } },
    projects: [
      {
        extends: true,
        test: {
          name: "store",
          exclude: [...configDefaults.exclude, ...LARGE],
          // Each file works in databases of its own (freshDatabase), so a worker keeps its module
          // graph (pg, the store, the testkit) from file to file instead of loading it again.
          isolate: false,
        },
      },
      ...(FULL
        ? [
            {
              extends: true as const,
              test: { name: "large", include: LARGE, sequence: { groupOrder: 1 } },
            },
          ]
        : []),
    ],
  },
});
