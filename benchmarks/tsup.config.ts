import { defineConfig } from "tsup";
import { packageConfig } from "../tsup.config.base.js";

// run.js is the suite; memory-child.js is the child process P6 measures in;
// append-child.js is the writer process whose appends J2's follower receives; usage-probe.js is
// preloaded into the processes R1–R3 measure, and ready-command.js is the command R3 interrupts;
// web-writer-child.js appends while W2's and W3's pages are open, web-server-child.js is W3's server;
// web-profile.js profiles W1's audit view (where its time goes).
export default defineConfig(
  packageConfig({
    entry: {
      run: "src/run.ts",
      "memory-child": "src/memory-child.ts",
      "append-child": "src/append-child.ts",
      "usage-probe": "src/usage-probe.ts",
      "ready-command": "src/ready-command.ts",
      "web-writer-child": "src/web/web-writer-child.ts",
      "web-server-child": "src/web/web-server-child.ts",
      "web-profile": "src/web/profile-view.ts",
    },
    dts: false,
  }),
);
