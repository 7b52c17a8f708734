import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test starts real servers and sockets, some a Node process or Chromium: a loaded
    // two-core machine can take a second or two for one start.
    testTimeout: 20_000,
    hookTimeout: 60_000, // test/postgres.test.ts starts a PostgreSQL server
    setupFiles: ["test/setup.ts"],
    // expect.poll waits for what a page does on its own (load, fetch, draw): on a loaded machine
    // that takes more than vitest's default second.
    expect: { poll: { timeout: 8_000 } },
    // The files share one module graph per worker instead of loading the stores again for each:
    // they share no state (each test's servers, stores and folders go in its afterEach).
    isolate: false,
  },
});
