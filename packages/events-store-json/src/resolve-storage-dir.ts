import { statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";

export interface ResolveStorageDirOptions {
  /** Where to start looking for `.phaser/`. Default: `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** Environment to read `PHASER_STORAGE_DIR` from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The home directory: where the walk stops and the fallback lives. Default: `os.homedir()`. */
  readonly home?: string | undefined;
}

/** The folder name searched for and used under home. */
export const STORAGE_DIR_NAME = ".phaser";

/**
 * Where the events file lives: `$PHASER_STORAGE_DIR` (relative to `cwd`);
 * else the nearest `.phaser/` directory walking up from `cwd`, stopping at the
 * home directory or the filesystem root; else `~/.phaser/`.
 */
export function resolveStorageDir(options: ResolveStorageDirOptions = {}): string {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  const home = resolve(options.home ?? homedir());
  const fromEnv = env.PHASER_STORAGE_DIR;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return resolve(cwd, fromEnv);

  for (let dir = cwd; dir !== home; ) {
    const candidate = join(dir, STORAGE_DIR_NAME);
    if (isDirectory(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(home, STORAGE_DIR_NAME);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
