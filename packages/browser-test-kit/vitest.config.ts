import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starting Chromium takes about a second here, several on a loaded two-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // expect.poll waits for what a page does on its own: more than vitest's default second when loaded.
    expect: { poll: { timeout: 8_000 } },
  },
});
