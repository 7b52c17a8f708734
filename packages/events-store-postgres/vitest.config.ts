import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts one throwaway PostgreSQL server for the run (test/global-setup.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
