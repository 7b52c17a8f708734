import { fileURLToPath } from "node:url";

/**
 * The package's built UI, `dist/ui/`: what the server serves by default and
 * what a report inlines. The same path from `dist/` (the bundle) and, in this
 * repository's tests, from `src/`: both sit one level below the package.
 */
export const PACKAGE_UI = fileURLToPath(new URL("../dist/ui/", import.meta.url));
