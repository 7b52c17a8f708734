import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH } from "./cli-path.js";

/** What only `run` and `demo` need: loaded when a plan runs, not when the CLI starts. */
const PLAN_ONLY = ["yaml", "ignore", "@phaser/events-convenience"];

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

/** Every package the built `file` loads before it runs, following its own chunks. */
function loadedAtStart(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const specifier of staticImports(readFileSync(file, "utf8"))) {
    if (specifier.startsWith(".")) {
      for (const name of loadedAtStart(join(dirname(file), specifier), seen)) packages.add(name);
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
    for (const name of PLAN_ONLY) expect(atStart, name).not.toContain(name);

    const lazy = dynamicImports(readFileSync(CLI_PATH, "utf8")).filter((s) => s.startsWith("."));
    expect(lazy.length).toBeGreaterThan(0);
    const later = new Set<string>();
    for (const chunk of lazy) {
      for (const name of loadedAtStart(join(dirname(CLI_PATH), chunk))) later.add(name);
    }
    for (const name of PLAN_ONLY) expect(later, name).toContain(name);
  });
});
