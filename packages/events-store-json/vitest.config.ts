import { configDefaults, defineConfig } from "vitest/config";

// These replace node:fs/promises with vi.mock, which works only in a module graph of their own.
const MOCKING_FS = ["test/durability.test.ts", "test/write-failure.test.ts"];
/** Writes and reads back a 64 MiB record: CI only (`.ci/run` sets PHASER_FULL_TRIALS=1). */
const FULL_ONLY = ["test/adversity/record-limit-full.test.ts"];

export default defineConfig({
  test: {
    // Raised from vitest's 5 s: many tests start Node or Python processes, and on a loaded
    // two-core machine one start can take a second or two (a Python check took 3.7 s).
    testTimeout: 15_000,
    // Many tests wait on the processes they start (writers paused for 4.5 s, lock timeouts), so
    // two files at a time keep both cores busy (vitest's default on two cores is one).
    maxWorkers: 2,
    // Whether a worker process runs more than one file is the pool's choice, made once for all
    // projects from this root setting: a project's `isolate: false` alone still started a new
    // worker (Node, vitest, the store, the testkit, fast-check) for each file, 0.8 CPU-s each:
    // 26 CPU-s of the suite's 70 went to collecting its files, 7 with this. Each project still
    // gets workers of its own.
    poolOptions: { forks: { isolate: false } },
    projects: [
      {
        extends: true,
        test: {
          name: "fs-mocks",
          include: MOCKING_FS,
          // A fresh module graph for each file (the pool's workers are shared, see above).
          poolOptions: { forks: { isolate: true } },
        },
      },
      {
        extends: true,
        test: {
          name: "store",
          exclude: [
            ...configDefaults.exclude,
            ...MOCKING_FS,
            ...(process.env.PHASER_FULL_TRIALS === "1" ? [] : FULL_ONLY),
          ],
          // The other files share one module graph per worker instead of loading the store,
          // the testkit and fast-check again for each file. They share no state: each works in
          // temp folders of its own.
          isolate: false,
        },
      },
    ],
  },
});
