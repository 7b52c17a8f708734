import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    typecheck: { enabled: true, tsconfig: "./tsconfig.test.json" },
    // The files share no state, so a worker keeps its module graph (zod, fast-check) from file
    // to file instead of loading it again for each: half the CPU of this package's tests.
    isolate: false,
  },
});
