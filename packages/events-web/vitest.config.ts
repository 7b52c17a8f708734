import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A browser test starts Chromium and servers; on a loaded two-core machine that alone takes seconds.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
