/** What went wrong in a page, as `BrowserSession.problems()` reports it. */
export type BrowserProblemKind =
  /** `console.error(…)`, or an error the browser itself logged to the console. */
  | "console-error"
  /** An exception no script caught (`pageerror`). */
  | "page-error"
  /** A `securitypolicyviolation` event: the page's Content-Security-Policy refused something. */
  | "csp-violation"
  /**
   * A request that failed: refused, reset, blocked by CSP or by the browser. Not one the page
   * cancelled itself (by navigating away, reloading, or aborting it): that is no failure.
   */
  | "failed-request"
  /** A request an offline page made to anything but a `file:` URL, stopped before it left. */
  | "blocked-request";

export interface BrowserProblem {
  readonly kind: BrowserProblemKind;
  /** What happened, in the browser's words (for a CSP violation: the directive and what it blocked). */
  readonly message: string;
  /** The URL involved, when there is one: the request's, the blocked resource's, the script's. */
  readonly url?: string;
  /** The URL of the page it happened in. */
  readonly pageUrl: string;
}
