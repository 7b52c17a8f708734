import { configDefaults, defineConfig } from "vitest/config";

// These replace node:fs/promises with vi.mock, which works only in a module graph of their own.
const MOCKING_FS = ["test/durability.test.ts", "test/write-failure.test.ts"];

export default defineConfig({
  test: {
    // Raised from vitest's 5 s: many tests start Node or Python processes, and on a loaded
    // two-core machine one start can take a second or two (a Python check took 3.7 s).
    testTimeout: 15_000,
    // Many tests wait on the processes they start (writers paused for 4.5 s, lock timeouts), so
    // two files at a time keep both cores busy (vitest's default on two cores is one).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "fs-mocks", include: MOCKING_FS },
      },
      {
        extends: true,
        test: {
          name: "store",
          exclude: [...configDefaults.exclude, ...MOCKING_FS],
          // The other files share one module graph per worker instead of loading the store,
          // the testkit and fast-check again for each of the 27 files: a third less CPU. They
          // share no state: each works in temp folders of its own.
          isolate: false,
        },
      },
    ],
  },
});
