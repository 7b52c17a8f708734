import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** apps/cli */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The built binary the tests run. */
export const CLI_PATH = join(APP_DIR, "dist", "cli.js");
