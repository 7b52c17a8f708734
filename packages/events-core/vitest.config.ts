import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // tsc over the type tests and what they import only: `pnpm typecheck` checks every file.
    typecheck: { enabled: true, tsconfig: "./tsconfig.typetest.json" },
    // The files share no state, so a worker keeps its module graph (zod, fast-check) from file
    // to file instead of loading it again for each: half the CPU of this package's tests.
    isolate: false,
  },
});
