import { defineConfig } from "tsup";
import { packageConfig } from "../../tsup.config.base.js";

export default defineConfig(
  packageConfig({
    entry: { index: "src/index.ts", "process/index": "src/process/index.ts" },
    format: ["esm", "cjs"],
  }),
);
