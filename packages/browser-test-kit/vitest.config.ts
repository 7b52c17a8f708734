import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starting Chromium takes about a second here, several on a loaded two-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
