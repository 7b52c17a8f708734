import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TestProject } from "vitest/node";
import { APP_DIR, CLI_PATH } from "./cli-path.js";
import { type CliResult, runCli, tempDir } from "./spawn-cli.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** One run of `phaser-events demo` for the whole test run: its storage folder and output. */
    demo: { readonly storageDir: string; readonly result: CliResult };
  }
}

const require = createRequire(import.meta.url);

/** Newest modification time of everything `tsup` reads to build the CLI. */
function newestInput(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestInput(join(path, name))));
}

function isStale(): boolean {
  if (!existsSync(CLI_PATH)) return true;
  const inputs = ["src", "package.json", "tsup.config.ts", "../../tsup.config.base.ts"];
  const newest = Math.max(...inputs.map((input) => newestInput(join(APP_DIR, input))));
  return statSync(CLI_PATH).mtimeMs < newest;
}

/** The workspace packages the CLI imports at run time must be built (turbo's `^build`). */
function checkDependenciesBuilt(): void {
  for (const name of [
    "@phaser/events-core",
    "@phaser/events-store-json",
    "@phaser/events-convenience",
    "@phaser/events-store-postgres",
    "@phaser/postgres-test-server",
  ]) {
    const dist = join(
      dirname(require.resolve(`${name}/package.json`, { paths: [APP_DIR] })),
      "dist",
    );
    if (!existsSync(dist)) {
      throw new Error(
        `${name} is not built; run: pnpm turbo run build --filter @phaser/events-cli...`,
      );
    }
  }
}

/**
 * Vitest global setup. The tests spawn the real `dist/cli.js`, so it must be
 * current. `turbo run test` builds it first (apps/cli/turbo.json); a bare
 * `vitest run` gets it built here, with the tsup the package's own `build`
 * script uses, run by this Node.js (no shell, no pnpm needed).
 *
 * Then it runs `phaser-events demo` once (about 5 s and as many CPU-seconds, as
 * it runs two plans of real commands) for the test files that only read a store
 * holding every event type: each takes a copy (test/demo-store.ts) instead of
 * running the demo again.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  checkDependenciesBuilt();
  if (isStale()) build();
  const storageDir = await tempDir("phaser-cli-demo-");
  const result = await runCli(["demo"], storageDir);
  project.provide("demo", { storageDir, result });
  return () => rm(storageDir, { recursive: true, force: true });
}

function build(): void {
  const manifestPath = require.resolve("tsup/package.json", { paths: [APP_DIR] });
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: { tsup: string } };
  execFileSync(process.execPath, [join(dirname(manifestPath), manifest.bin.tsup)], {
    cwd: APP_DIR,
    stdio: "inherit",
  });
}
