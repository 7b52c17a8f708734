import { chromiumPath } from "./chromium-path.js";
import { isBrowserMissingError } from "./errors/browser-missing-error.js";

/**
 * Why the browser tests cannot run here, or undefined when they can; for
 * `describe.skipIf(chromiumUnavailable())`. The repository's rule for tools a
 * test needs from the machine (as with PostgreSQL): in CI (`CI` set) a missing
 * browser is a failure, so this throws the BrowserMissingError; elsewhere the
 * tests are skipped, and this warns on stderr saying why and how to install it.
 */
export function chromiumUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    chromiumPath(env);
    return undefined;
  } catch (error) {
    if (!isBrowserMissingError(error) || env.CI) throw error;
    console.warn(`\n[browser tests] SKIPPING every browser test: ${error.message}\n`);
    return error.message;
  }
}
