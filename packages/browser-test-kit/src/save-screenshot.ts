import { mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Page } from "playwright-core";

export interface SaveScreenshotOptions {
  /** The whole scrollable page instead of the viewport. Default false. */
  readonly fullPage?: boolean;
}

/** Saves a PNG screenshot under `dir` (created), named `<name>.png`; returns the path. */
export async function saveScreenshot(
  page: Page,
  dir: string,
  name: string,
  options: SaveScreenshotOptions = {},
): Promise<string> {
  if (name === "" || basename(name) !== name || name === "." || name === "..") {
    throw new TypeError(
      `saveScreenshot: name must be a plain file name, got ${JSON.stringify(name)}`,
    );
  }
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, type: "png", fullPage: options.fullPage ?? false });
  return path;
}
