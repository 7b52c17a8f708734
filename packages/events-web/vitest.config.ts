import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test starts real servers and sockets, some a Node process or Chromium: a loaded
    // two-core machine can take a second or two for one start.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
