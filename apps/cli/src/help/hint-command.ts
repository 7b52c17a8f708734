import { fileURLToPath } from "node:url";
import { cliIo } from "../io/cli-io.js";

/** The published package, as `npx` names it. */
const PACKAGE_NAME = "@phaser/events-cli";

/**
 * How the person who started this process can run `phaser-events` again, for
 * the commands the CLI suggests ("Try: phaser-events list …"):
 *
 * - the repository's own build (`pnpm demo`, `node apps/cli/dist/cli.js`;
 *   no `node_modules` in its real path): `npx phaser-events`, the bin the
 *   repository's root links, which npm runs without downloading anything;
 * - an installed package run by `npx @phaser/events-cli` (npx's cache, a
 *   `_npx` folder): `npx @phaser/events-cli`;
 * - an installed package a package manager ran (npx, a package.json script:
 *   `npm_lifecycle_event` is set): `npx phaser-events`, from that project;
 * - an installed package run by its name: `phaser-events`.
 *
 * `modulePath` is a real path: Node resolves the symlinks of the bin it starts.
 */
export function hintCommand(
  modulePath: string = fileURLToPath(import.meta.url),
  env: NodeJS.ProcessEnv = cliIo().env,
): string {
  const folders = modulePath.split(/[\\/]/);
  if (!folders.includes("node_modules")) return "npx phaser-events";
  if (folders.includes("_npx")) return `npx ${PACKAGE_NAME}`;
  if (env.npm_lifecycle_event !== undefined && env.npm_lifecycle_event !== "") {
    return "npx phaser-events";
  }
  return "phaser-events";
}
