import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH } from "./cli-path.js";

/** What only `run` and `demo` need: loaded when a plan runs, not when the CLI starts. */
const PLAN_ONLY = ["yaml", "ignore", "@phaser/events-convenience"];

/**
 * Not loaded at start either: zod (only `run` and `demo` need it, for the plan schema, and core
 * never does) and the OpenTelemetry mapping (only `run` and `export --format otlp`).
 */
const NOT_AT_START = [...PLAN_ONLY, "zod", "@phaser/events-otel"];

const require = createRequire(import.meta.url);

/**
 * The built ESM file a workspace package's specifier loads (`@phaser/events-core/store-kit`
 * → …/dist/store-kit.js), read from its package.json's `exports`.
 */
function workspaceEntry(specifier: string): string {
  const [scope, name, ...rest] = specifier.split("/");
  const packageJson = require.resolve(`${scope}/${name}/package.json`);
  const { exports } = JSON.parse(readFileSync(packageJson, "utf8"));
  const entry = exports[rest.length > 0 ? `./${rest.join("/")}` : "."];
  const target = entry.import?.default ?? entry.default;
  return join(dirname(packageJson), target);
}

/** `import … from "x"` and `import "x"` at the top of a built module: what loads with it. */
function staticImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map(
    (match) => match[1] as string,
  );
}

function dynamicImports(source: string): string[] {
  return [...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] as string,
  );
}

/**
 * Every package the built `file` loads before it runs, following its own chunks and those of
 * the workspace's packages (`@phaser/…`) it imports.
 */
function loadedAtStart(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const specifier of staticImports(readFileSync(file, "utf8"))) {
    if (specifier.startsWith(".") || specifier.startsWith("@phaser/")) {
      if (!specifier.startsWith(".")) packages.add(specifier);
      const next = specifier.startsWith(".")
        ? join(dirname(file), specifier)
        : workspaceEntry(specifier);
      for (const name of loadedAtStart(next, seen)) packages.add(name);
    } else {
      packages.add(specifier);
    }
  }
  return packages;
}

describe("the built phaser-events", () => {
  it("starts without what only a plan run needs, which it loads when run or demo asks", () => {
    const atStart = loadedAtStart(CLI_PATH);
    expect(atStart).toContain("@phaser/events-store-json");
    expect(atStart).toContain("@phaser/events-core");
    for (const name of NOT_AT_START) expect(atStart, name).not.toContain(name);

    const lazy = dynamicImports(readFileSync(CLI_PATH, "utf8")).filter((s) => s.startsWith("."));
    expect(lazy.length).toBeGreaterThan(0);
    const later = new Set<string>();
    for (const chunk of lazy) {
      for (const name of loadedAtStart(join(dirname(CLI_PATH), chunk))) later.add(name);
    }
    for (const name of PLAN_ONLY) expect(later, name).toContain(name);
  });
});
