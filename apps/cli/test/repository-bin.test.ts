import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_DIR } from "./cli-path.js";
import { copyOfDemoStore, demoRun } from "./demo-store.js";
import { type CliResult, tempDirsRemovedAfterAll } from "./run-cli.js";
import { collectOutput } from "./spawn-cli.js";

const REPO_DIR = join(APP_DIR, "..", "..");
const freshDir = tempDirsRemovedAfterAll();

/**
 * The environment of a shell a person types in: none of the `npm_*` variables a package manager
 * sets for the scripts it runs (the test runner's own), and npx told to fail rather than fetch a
 * package of that name from the registry when the repository links no such bin.
 */
function shellEnv(storageDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name)),
  );
  return { ...env, npm_config_yes: "false", PHASER_STORAGE_DIR: storageDir, NO_COLOR: "1" };
}

function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return collectOutput(spawn(command, { cwd, env, shell: true }));
}

describe("the demo run from the repository (pnpm demo)", () => {
  it("closes with commands that work, as printed, from the repository", async () => {
    const { result } = demoRun();
    const tries = result.stdout
      .split("\n")
      .filter((line) => /^(?:Try:| {5}\S)/.test(line))
      .map((line) => line.replace(/^Try:/, "").trim());
    expect(tries).toHaveLength(3);
    for (const command of tries) expect(command).toMatch(/^npx phaser-events /);

    // The first, `npx phaser-events list --audit <the abandoned audit>`, typed in a subfolder.
    const storageDir = await copyOfDemoStore(await freshDir());
    const listed = await runShell(
      tries[0] as string,
      join(REPO_DIR, "packages"),
      shellEnv(storageDir),
    );
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/ audit_started /);
    expect(listed.stdout).toMatch(/ audit_abandoned /);
    expect(listed.stdout).not.toMatch(/ audit_completed /);
  });
});
