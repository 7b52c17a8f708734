import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The files share no state, so a worker keeps its module graph from file to file instead of
    // loading it again for each.
    isolate: false,
  },
});
