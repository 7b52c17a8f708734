import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { BrowserMissingError } from "./errors/browser-missing-error.js";

/** Where Debian and Ubuntu put the browser, tried after $PHASER_CHROMIUM and before PATH. */
const KNOWN_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"] as const;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Path of a Chromium executable: $PHASER_CHROMIUM, else /usr/bin/chromium,
 * /usr/bin/chromium-browser, or `chromium` on PATH. Throws BrowserMissingError
 * (code "BROWSER_MISSING") naming what it tried and how to install
 * (`apt-get install chromium`).
 *
 * A PHASER_CHROMIUM that names no executable file is an error, not a reason to
 * look elsewhere: whoever set it meant that browser and no other.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.PHASER_CHROMIUM;
  if (override !== undefined && override !== "") {
    if (isExecutableFile(override)) return override;
    throw new BrowserMissingError([`PHASER_CHROMIUM=${override} (not an executable file)`]);
  }
  for (const path of KNOWN_PATHS) {
    if (isExecutableFile(path)) return path;
  }
  const dirs = (env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  for (const dir of dirs) {
    const path = join(dir, "chromium");
    if (isExecutableFile(path)) return path;
  }
  throw new BrowserMissingError([
    "$PHASER_CHROMIUM (not set)",
    ...KNOWN_PATHS,
    `chromium on PATH (${dirs.length} directories)`,
  ]);
}
