import { readdirSync, readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "src");

/**
 * The most the user entry (`src/index.ts`) may weigh in a browser bundle, minified and gzipped.
 * About 6 KiB since zod moved to its own entry (`@phaser/events-core/zod`); 26 KiB before.
 */
const MAX_GZIP_BYTES = 10 * 1024;

/** Just what this test uses of esbuild's API (esbuild comes through tsup). */
interface EsbuildMessage {
  readonly text: string;
}
interface EsbuildMetafile {
  readonly outputs: Readonly<
    Record<
      string,
      { readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>> }
    >
  >;
}
interface EsbuildResult {
  readonly errors: readonly EsbuildMessage[];
  readonly warnings: readonly EsbuildMessage[];
  readonly outputFiles?: readonly { readonly path: string; readonly text: string }[];
  readonly metafile?: EsbuildMetafile;
}
type Build = (options: Record<string, unknown>) => Promise<EsbuildResult>;

async function loadEsbuild(): Promise<{ build: Build }> {
  try {
    const name = "esbuild";
    return (await import(/* @vite-ignore */ name)) as { build: Build };
  } catch {
    const require = createRequire(import.meta.url);
    return createRequire(require.resolve("tsup"))("esbuild") as { build: Build };
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.[cm]?[jt]sx?$/.test(entry.name) ? [path] : [];
  });
}

const SPECIFIER = [
  /\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']/g,
  /\brequire\s*\(\s*["']([^"']+)["']/g,
];

function specifiers(code: string): string[] {
  return SPECIFIER.flatMap((pattern) =>
    [...code.matchAll(pattern)].map((match) => match[1] as string),
  );
}

const builtins = new Set(builtinModules);

function isNodeBuiltin(specifier: string): boolean {
  return (
    specifier.startsWith("node:") ||
    builtins.has(specifier) ||
    builtins.has(specifier.split("/")[0] as string)
  );
}

describe("the package runs in a browser", () => {
  it("the builtin check itself recognises node modules", () => {
    expect(["node:fs", "fs", "path", "crypto", "fs/promises", "os"].every(isNodeBuiltin)).toBe(
      true,
    );
    expect(["zod", "uuid", "./json.js", "../event-type.js"].some(isNodeBuiltin)).toBe(false);
    expect(
      specifiers(`import { a } from "node:fs";\nimport "path";\nconst c = await import("os");`),
    ).toEqual(["node:fs", "path", "os"]);
  });

  it("no file under src/ imports a node builtin", () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter(isNodeBuiltin)
        .map((specifier) => `${relative(SRC, file)}: ${specifier}`),
    );
    expect(found).toEqual([]);
    const all = files.flatMap((file) => specifiers(readFileSync(file, "utf8")));
    expect(all).toContain("zod");
    expect(all).toContain("./random-uuid.js");
  });

  it("src/index.ts bundles for the browser with esbuild", async () => {
    const { build } = await loadEsbuild();
    const result = await build({
      entryPoints: [join(SRC, "index.ts")],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles).toHaveLength(1);
    const text = result.outputFiles?.[0]?.text ?? "";
    expect(text).toContain("phase_completed");
    expect(text).not.toMatch(/\brequire\(\s*["'](node:)?crypto["']\)/);
  }, 30_000);

  it(`src/index.ts weighs at most ${MAX_GZIP_BYTES / 1024} KiB minified and gzipped`, async () => {
    const { build } = await loadEsbuild();
    const result = await build({
      entryPoints: [join(SRC, "index.ts")],
      bundle: true,
      write: false,
      minify: true,
      platform: "browser",
      format: "esm",
      metafile: true,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    const text = result.outputFiles?.[0]?.text ?? "";
    expect(text.length).toBeGreaterThan(1000);
    const gzipped = gzipSync(text).length;
    expect(
      gzipped,
      `the browser bundle is ${gzipped} bytes gzipped (${text.length} minified), ` +
        `${gzipped - MAX_GZIP_BYTES} over the ${MAX_GZIP_BYTES} allowed; largest inputs: ${largestInputs(result.metafile)}`,
    ).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  }, 30_000);
});

/** The inputs that take the most room in the bundle, for the failure message. */
function largestInputs(metafile: EsbuildMetafile | undefined, count = 8): string {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile?.outputs ?? {})) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const where = path.includes("node_modules/")
        ? (path.split("node_modules/").at(-1)?.split("/").slice(0, 2).join("/") ?? path)
        : path;
      bytes.set(where, (bytes.get(where) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([where, n]) => `${where} ${n}`)
    .join(", ");
}
