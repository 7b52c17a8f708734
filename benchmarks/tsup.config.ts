import { defineConfig } from "tsup";
import { packageConfig } from "../tsup.config.base.js";

// run.js is the suite; memory-child.js is the child process P6 measures in.
export default defineConfig(
  packageConfig({
    entry: { run: "src/run.ts", "memory-child": "src/memory-child.ts" },
    dts: false,
  }),
);
