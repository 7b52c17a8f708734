import { accessSync, constants, statSync } from "node:fs";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * The tests' temporary folders (stores, project repositories, plans) on the RAM disk where there
 * is one (Linux's /dev/shm), for the CLI processes they start too: every event the CLI stores is
 * fsync'd, and on a disk each fsync waited behind the JSON store suite's, which `pnpm test` runs
 * at the same time (megabytes of fsync'd writes): the suite took 377 s beside it instead of about
 * 120 s. What the CLI does is the same on either; the JSON store's own tests check its writes on
 * the disk.
 */
function ramDisk(): string | undefined {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return statSync("/dev/shm").isDirectory() ? "/dev/shm" : undefined;
  } catch {
    return undefined;
  }
}
const RAM_DISK = ramDisk();
// Set here, in the main process, so that global-setup.ts, the workers and the CLIs all see it.
if (RAM_DISK !== undefined) process.env.TMPDIR = RAM_DISK;

/** npm installs of the packed packages, from the registry: CI only (`.ci/run` sets PHASER_FULL_TRIALS=1). */
const FULL_ONLY = ["test/packed-install.test.ts"];

/**
 * Signals sent to a `run` that must record the audit's end within its 1.8 s deadline: after the
 * other files, whose in-process commands keep both workers busy, so that the CLI under test is
 * not starved by its own suite (it missed the deadline twice in CI beside them).
 */
const SIGNALS = ["test/interrupts.test.ts"];

export default defineConfig({
  test: {
    // The pool reads isolate:false only here, for every project (a project's own is not read).
    poolOptions: { forks: { isolate: false } },
    projects: [
      {
        extends: true,
        test: {
          name: "cli",
          include: ["test/**/*.test.ts", "src/**/*.test.ts"],
          exclude: [
            ...configDefaults.exclude,
            ...SIGNALS,
            ...(process.env.PHASER_FULL_TRIALS === "1" ? [] : FULL_ONLY),
          ],
        },
      },
      {
        extends: true,
        test: { name: "signals", include: SIGNALS, sequence: { groupOrder: 1 } },
      },
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
