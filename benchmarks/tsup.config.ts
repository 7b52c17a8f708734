import { defineConfig } from "tsup";
import { packageConfig } from "../tsup.config.base.js";

// run.js is the suite; memory-child.js is the child process P6 measures in;
// append-child.js is the writer process whose appends J2's follower receives.
export default defineConfig(
  packageConfig({
    entry: {
      run: "src/run.ts",
      "memory-child": "src/memory-child.ts",
      "append-child": "src/append-child.ts",
    },
    dts: false,
  }),
);
