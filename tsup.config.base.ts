import type { Options } from "tsup";

/**
 * The one tsup configuration every package starts from: ESM (plus CJS where
 * `formats` asks for it), declaration files, sourcemaps, a clean `dist/`.
 */
export function packageConfig(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    treeshake: true,
    ...overrides,
  };
}
