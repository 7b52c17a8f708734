import { defineConfig } from "tsup";
import { packageConfig } from "../../tsup.config.base.js";

export default defineConfig(
  packageConfig({
    entry: ["src/index.ts", "src/store-kit.ts", "src/zod.ts"],
    format: ["esm", "cjs"],
  }),
);
