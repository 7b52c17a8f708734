import { execFile, spawn } from "node:child_process";
import { readdir, readFile, realpath } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { APP_DIR } from "./cli-path.js";
import { type CliResult, readStore, tempDirsRemovedAfterAll } from "./run-cli.js";
import { collectOutput } from "./spawn-cli.js";
import { SPEC_FIELDS } from "./spec-fields.js";

/**
 * CI only (`PHASER_FULL_TRIALS=1`, see vitest.config.ts): it packs seven packages and installs
 * them, with their dependencies from the npm registry, which takes a network and half a minute.
 */

const run = promisify(execFile);
const REPO_DIR = join(APP_DIR, "..", "..");
/** The CLI and the workspace packages it depends on, as npm will get them. */
const PACKED = [
  "packages/events-core",
  "packages/events-analysis",
  "packages/events-convenience",
  "packages/events-store-json",
  "packages/events-store-postgres",
  "packages/events-web",
  "packages/events-otel",
  "apps/cli",
];
const freshDir = tempDirsRemovedAfterAll();

/** pnpm, as it runs this test (`pnpm test`), else the one on PATH. */
function pnpm(): { command: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  return execPath !== undefined && /pnpm/.test(execPath)
    ? { command: process.execPath, prefix: [execPath] }
    : { command: "pnpm", prefix: [] };
}

/**
 * A shell a person opens: this environment (proxies and certificates included) without what a
 * package manager sets for the scripts it runs (`npm_*`, which would also configure npm and tell
 * the CLI a package manager started it) and without the developer's store settings.
 */
function userEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(?:npm_|pnpm_|PHASER_|FORCE_COLOR$)/i.test(name),
    ),
  );
  return { ...env, NO_COLOR: "1", npm_config_update_notifier: "false", ...extra };
}

function runIn(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<CliResult> {
  return collectOutput(spawn(command, args, { cwd, env }));
}

describe("the packed @phaser/events-cli, installed with npm into an empty prefix", () => {
  let tarballs: string[];
  let prefix: string;
  let cwd: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const packs = await freshDir();
    const { command, prefix: args } = pnpm();
    for (const dir of PACKED) {
      await run(command, [...args, "pack", "--pack-destination", packs], {
        cwd: join(REPO_DIR, dir),
      });
    }
    tarballs = (await readdir(packs))
      .filter((name) => name.endsWith(".tgz"))
      .map((name) => join(packs, name));
    prefix = await freshDir();
    cwd = await freshDir();
    env = userEnv({ PATH: `${join(prefix, "bin")}${delimiter}${process.env.PATH}` });
    const installed = await runIn(
      "npm",
      ["install", "--global", "--prefix", prefix, "--no-fund", "--no-audit", ...tarballs],
      cwd,
      env,
    );
    expect(installed.stderr + installed.stdout).toMatch(/added \d+ packages/);
    expect(installed.code).toBe(0);
  }, 240_000);

  it("packs seven tarballs, each with the LICENSE, the CLI with its bin, build and demo, the web UI built", async () => {
    expect(tarballs).toHaveLength(PACKED.length);
    const cli = tarballs.find((path) => path.includes("events-cli")) as string;
    for (const tarball of tarballs) {
      const { stdout } = await run("tar", ["tzf", tarball]);
      expect(stdout.split("\n"), tarball).toContain("package/LICENSE");
      if (tarball === cli) {
        for (const file of ["bin/phaser-events.js", "dist/cli.js", "demo/greeter/_gitignore"]) {
          expect(stdout.split("\n"), file).toContain(`package/${file}`);
        }
      }
      if (tarball.includes("events-web")) {
        for (const file of [
          "dist/index.js",
          "dist/ui/app.js",
          "dist/ui/app.css",
          "dist/ui/index.html",
        ]) {
          expect(stdout.split("\n"), file).toContain(`package/${file}`);
        }
      }
    }
    const { stdout } = await run("tar", ["-xzOf", cli, "package/package.json"]);
    const manifest = JSON.parse(stdout) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ "phaser-events": "./bin/phaser-events.js" });
    expect(stdout).not.toContain("workspace:");
  });

  it("installs the packages themselves, not links to the repository", async () => {
    for (const name of ["events-cli", "events-core", "events-store-json"]) {
      const installed = await realpath(join(prefix, "lib", "node_modules", "@phaser", name));
      expect(installed.startsWith(await realpath(prefix)), installed).toBe(true);
    }
  });

  it("puts phaser-events on PATH: --version prints the package's version", async () => {
    const { version } = JSON.parse(await readFile(join(APP_DIR, "package.json"), "utf8")) as {
      version: string;
    };
    const result = await runIn("phaser-events", ["--version"], cwd, env);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("runs the demo: every event type, no scratch file recorded, and hints that work", {
    timeout: 120_000,
  }, async () => {
    const storageDir = await freshDir();
    const result = await runIn("phaser-events", ["demo"], cwd, {
      ...env,
      PHASER_STORAGE_DIR: storageDir,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const { events } = await readStore(storageDir);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(Object.keys(SPEC_FIELDS)));
    // The sample project's .gitignore came through npm (as _gitignore): the flaky check's cache
    // in .audit/tmp/ is no file event.
    const paths = events.flatMap((e) => (typeof e.data.path === "string" ? [e.data.path] : []));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => path.startsWith(".audit/"))).toEqual([]);

    const hint = /^Try: (phaser-events list --audit \S+)$/m.exec(result.stdout)?.[1];
    expect(hint, result.stdout).toBeDefined();
    const listed = await runIn("sh", ["-c", hint as string], cwd, {
      ...env,
      PHASER_STORAGE_DIR: storageDir,
    });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/ audit_abandoned /);

    // The web package's built UI is found where npm put it: the HTML report inlines it.
    const report = join(storageDir, "report.html");
    const exported = await runIn(
      "phaser-events",
      ["export", "--format", "html", "--audit", "latest", "--out", report],
      cwd,
      { ...env, PHASER_STORAGE_DIR: storageDir },
    );
    expect(exported.code, exported.stderr).toBe(0);
    const html = await readFile(report, "utf8");
    expect(html).toContain('<script type="module">');
    expect(html).toContain('id="phaser-data"');
  });
});
