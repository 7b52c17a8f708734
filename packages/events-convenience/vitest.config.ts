import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // tsc over the type tests and what they import only: `pnpm typecheck` checks every file.
    typecheck: { enabled: true, tsconfig: "./tsconfig.typetest.json" },
    // The files share no state, so a worker keeps its module graph from file to file instead of
    // loading it again for each: a third less CPU for this package's tests.
    isolate: false,
  },
});
