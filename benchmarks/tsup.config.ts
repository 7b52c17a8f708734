import { defineConfig } from "tsup";
import { packageConfig } from "../tsup.config.base.js";

// run.js is the suite; memory-child.js is the child process P6 measures in;
// append-child.js is the writer process whose appends J2's follower receives; usage-probe.js is
// preloaded into the processes R1–R3 measure, and ready-command.js is the command R3 interrupts.
export default defineConfig(
  packageConfig({
    entry: {
      run: "src/run.ts",
      "memory-child": "src/memory-child.ts",
      "append-child": "src/append-child.ts",
      "usage-probe": "src/usage-probe.ts",
      "ready-command": "src/ready-command.ts",
    },
    dts: false,
  }),
);
