import { defineConfig } from "tsup";
import { packageConfig } from "../../tsup.config.base.js";

export default defineConfig([
  // The server's own clean keeps dist/ui, which the UI build below writes at the same time.
  packageConfig({ clean: ["!ui/**"] }),
  {
    // The browser UI: one minified ES module, dist/ui/app.js, beside ui/'s index.html and app.css.
    entry: { app: "src/ui/main.ts" },
    outDir: "dist/ui",
    publicDir: "ui",
    platform: "browser",
    format: ["esm"],
    target: "es2022",
    // UI_MINIFY=0 builds a readable app.js, for reading a browser profile.
    minify: process.env.UI_MINIFY !== "0",
    sourcemap: false,
    dts: false,
    clean: true,
    treeshake: true,
    // Preact and htm are bundled into app.js: the page loads one script, from the server itself.
    noExternal: [/.*/],
    tsconfig: "tsconfig.ui.json",
  },
]);
