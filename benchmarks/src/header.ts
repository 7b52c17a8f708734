import { type ExecFileSyncOptionsWithStringEncoding, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** Our packages, then the peers and the harness. */
export const PACKAGES = [
  "@phaser/events-core",
  "@phaser/events-store-memory",
  "@phaser/events-store-json",
  "@phaser/events-store-postgres",
  "@phaser/events-cli",
  "@phaser/events-web",
  "pg",
  "eventemitter3",
  "mitt",
  "lowdb",
  "uuid",
  "tinybench",
  "diff",
  "playwright-core",
] as const;

/**
 * The installed version of `name`: its `package.json` through `require.resolve`,
 * or, for packages whose exports map hides it, the nearest `package.json` of
 * that name above its entry point.
 */
export function packageVersion(name: string): string {
  try {
    return readVersion(require.resolve(`${name}/package.json`), name) ?? "?";
  } catch {
    let dir = dirname(fileURLToPath(import.meta.resolve(name)));
    for (;;) {
      const version = readVersion(join(dir, "package.json"), name);
      if (version !== undefined) return version;
      const parent = dirname(dir);
      if (parent === dir) return "?";
      dir = parent;
    }
  }
}

function readVersion(file: string, name: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    return pkg.name === name ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

function gitRevision(): string {
  try {
    const cwd = dirname(fileURLToPath(import.meta.url));
    const opts: ExecFileSyncOptionsWithStringEncoding = {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    };
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], opts).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], opts).trim() !== "";
    return dirty ? `${sha} + uncommitted changes` : sha;
  } catch {
    return "unknown";
  }
}

/** The lines that say when, where and with what the results were measured. */
export function headerLines(mode: string): string[] {
  const cpu = cpus();
  return [
    `date:     ${new Date().toISOString()}`,
    `mode:     ${mode}`,
    `machine:  ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform} ${release()}`,
    `node:     ${process.version}`,
    `git:      ${gitRevision()}`,
    `packages: ${PACKAGES.map((name) => `${name}@${packageVersion(name)}`).join(", ")}`,
  ];
}
