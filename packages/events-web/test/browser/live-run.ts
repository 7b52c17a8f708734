import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository's built CLI (`pnpm build` makes it). */
export const CLI = new URL("../../../../apps/cli/dist/cli.js", import.meta.url).pathname;

/** A plan run for real: a step that waits for a gate file, then a check that fails once and passes on its retry. */
export interface LiveRun {
  readonly child: ChildProcess;
  /** Lets the waiting step finish. */
  openGate(): Promise<void>;
  /** The CLI's exit code. */
  readonly exited: Promise<number | null>;
}

export async function startLiveRun(storeDir: string): Promise<LiveRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm build first`);
  const cwd = await mkdtemp(join(tmpdir(), "phaser-web-live-"));
  await writeFile(
    join(cwd, "gate.js"),
    `const fs = require("fs"); const t = setInterval(() => { if (fs.existsSync("gate")) { clearInterval(t); fs.writeFileSync("done.txt", "ok\\n"); } }, 20);`,
  );
  await writeFile(
    join(cwd, "flaky.js"),
    `const fs = require("fs"); if (fs.existsSync("marker")) process.exit(0); fs.writeFileSync("marker", ""); console.log("cold cache: run me again"); process.exit(1);`,
  );
  const plan = join(cwd, "plan.json");
  await writeFile(
    plan,
    JSON.stringify({
      project: "live-demo",
      slug: "step-by-step",
      ignore: ["gate", "marker", "*.js", "plan.json"],
      phases: [
        { title: "Wait for the gate", run: "node gate.js", verify: ["node flaky.js"], retries: 1 },
        { title: "Check again", verify: ["node flaky.js"] },
      ],
    }),
  );
  const child = spawn(process.execPath, [CLI, "run", plan, "--cwd", cwd, "--store", storeDir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => {
      if (code !== 0) console.error(stderr);
      resolve(code);
    });
  });
  return { child, exited, openGate: () => writeFile(join(cwd, "gate"), "") };
}
