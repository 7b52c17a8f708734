export const BROWSER_MISSING = "BROWSER_MISSING" as const;

/** How to get a browser, in every BrowserMissingError message. */
export const INSTALL_HINT =
  "Install Debian's chromium (`apt-get install chromium`, as .ci/run does), " +
  "or set PHASER_CHROMIUM to the path of a Chromium or Chrome executable.";

/** No Chromium executable where `chromiumPath()` looked; `tried` lists each place, in order. */
export class BrowserMissingError extends Error {
  override readonly name = "BrowserMissingError";
  readonly code = BROWSER_MISSING;
  readonly tried: readonly string[];

  constructor(tried: readonly string[]) {
    super(`No Chromium executable found: tried ${tried.join(", ")}. ${INSTALL_HINT}`);
    this.tried = tried;
  }
}

/** True for a BrowserMissingError, even one from another copy of this package. */
export function isBrowserMissingError(error: unknown): error is BrowserMissingError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === BROWSER_MISSING
  );
}
