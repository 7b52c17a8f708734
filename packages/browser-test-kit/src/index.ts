export type { BrowserProblem, BrowserProblemKind } from "./browser-problem.js";
export { chromiumPath } from "./chromium-path.js";
export { chromiumUnavailable } from "./chromium-unavailable.js";
export {
  BROWSER_MISSING,
  BrowserMissingError,
  isBrowserMissingError,
} from "./errors/browser-missing-error.js";
export type {
  BrowserSession,
  LaunchChromiumOptions,
  NewPageOptions,
} from "./launch-chromium.js";
export { launchChromium } from "./launch-chromium.js";
export type { SaveScreenshotOptions } from "./save-screenshot.js";
export { saveScreenshot } from "./save-screenshot.js";
