/**
 * Preloaded into a measured Node process (`node --import dist/usage-probe.js …`): when the
 * process exits, writes its own CPU time and peak RSS as JSON to the file named by
 * PHASER_BENCH_USAGE. The variable is removed at start, so the commands the process starts
 * (an audit's steps) neither inherit it nor overwrite the figures.
 */
import { writeFileSync } from "node:fs";

const file = process.env.PHASER_BENCH_USAGE;
delete process.env.PHASER_BENCH_USAGE;
if (file !== undefined) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        maxRssBytes: usage.maxRSS * 1024,
      }),
    );
  });
}
