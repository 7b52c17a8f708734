import { configDefaults, defineConfig } from "vitest/config";

/** npm installs of the packed packages, from the registry: CI only (`.ci/run` sets PHASER_FULL_TRIALS=1). */
const FULL_ONLY = ["test/packed-install.test.ts"];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.PHASER_FULL_TRIALS === "1" ? [] : FULL_ONLY),
    ],
    // Builds dist/cli.js when it is missing or older than its sources: the tests run the real
    // binary. It also runs `phaser-events demo` once for the files that read its store.
    globalSetup: ["./test/global-setup.ts"],
    // The tests mostly wait for the CLI processes they start, so two files at a time keep both
    // cores busy (vitest's default on two cores is one). They share no state but temp folders of
    // their own, so a worker keeps its module graph from file to file instead of starting anew.
    maxWorkers: 2,
    isolate: false,
    // Raised from 30 s: beside the full-size JSON-store trials of CI (PHASER_FULL_TRIALS=1), whose
    // writers fdatasync megabytes at a time, one test starting the CLI once took 18 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
