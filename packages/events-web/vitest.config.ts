import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test starts real servers and sockets, some a Node process: a loaded two-core machine
    // can take a second or two for one start.
    testTimeout: 15_000,
  },
});
