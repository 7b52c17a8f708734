import type { BrowserContext, Request } from "playwright-core";
import type { BrowserProblem } from "./browser-problem.js";

/** The page-side name of the binding the CSP listener reports through. */
const CSP_BINDING = "__phaserBrowserTestKitCspViolation";

interface CspViolation {
  readonly directive: string;
  readonly blockedURI: string;
  readonly sourceFile: string;
  readonly lineNumber: number;
}

/** Chromium's error text for a request the page itself cancelled. */
const CANCELLED_BY_PAGE = "net::ERR_ABORTED";

type Recorder = (problem: BrowserProblem) => void;

/** True for a URL an offline page may still load: files on disk, and what never leaves the page. */
function staysLocal(url: string): boolean {
  return /^(file|data|blob|about|chrome-error):/i.test(url);
}

/**
 * Chromium asks every http(s) page's origin for /favicon.ico on its own and logs a 404 as a
 * console error. That is no error of the page, and every test asserting "no problems" would
 * trip on it, so it is not reported (a favicon the page links to and fails is).
 */
function isOwnFaviconMiss(text: string, url: string, pageUrl: string): boolean {
  if (!text.startsWith("Failed to load resource") || !/^https?:/.test(pageUrl)) return false;
  return url === new URL("/favicon.ico", pageUrl).href;
}

function pageUrlOf(request: Request): string {
  try {
    return request.frame().page().url();
  } catch {
    // A service worker's request has no frame.
    return "";
  }
}

/**
 * Reports what goes wrong in every page of `context` to `record`. Listens on the
 * context, not one page, so popups and frames are covered too. Offline, it also
 * stops every request that would leave the machine, reporting each as "blocked-request".
 */
export async function watchContext(
  context: BrowserContext,
  record: Recorder,
  offline: boolean,
): Promise<void> {
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url } = message.location();
    const pageUrl = message.page()?.url() ?? "";
    if (isOwnFaviconMiss(message.text(), url, pageUrl)) return;
    record({ kind: "console-error", message: message.text(), pageUrl, ...(url ? { url } : {}) });
  });
  context.on("weberror", (webError) => {
    const error = webError.error();
    record({
      kind: "page-error",
      // Chromium gives a syntax error or a rejected non-Error no stack: name and message then.
      message: error.stack || (error.name ? `${error.name}: ${error.message}` : error.message),
      pageUrl: webError.page()?.url() ?? "",
    });
  });

  const blocked = new WeakSet<Request>();
  context.on("requestfailed", (request) => {
    if (blocked.has(request)) return;
    const message = request.failure()?.errorText ?? "failed";
    // The page cancelled it itself: by navigating or reloading while it was in flight, or with
    // an AbortController. Which of a page's requests are in flight when a test navigates is a
    // race, so reporting these would make every "no problems" assertion flaky.
    if (message === CANCELLED_BY_PAGE) return;
    // Offline, a request can fail on the emulated network before any route sees it.
    const kind = offline && !staysLocal(request.url()) ? "blocked-request" : "failed-request";
    record({
      kind,
      message,
      url: request.url(),
      pageUrl: pageUrlOf(request),
    });
  });

  await context.exposeBinding(CSP_BINDING, ({ page }, violation: CspViolation) => {
    const where = violation.sourceFile ? ` (${violation.sourceFile}:${violation.lineNumber})` : "";
    record({
      kind: "csp-violation",
      message: `Content-Security-Policy ${violation.directive} refused ${violation.blockedURI || "a resource"}${where}`,
      pageUrl: page.url(),
      ...(violation.blockedURI ? { url: violation.blockedURI } : {}),
    });
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener(
      "securitypolicyviolation",
      (event) => {
        const report = (window as unknown as Record<string, (v: CspViolation) => void>)[binding];
        void report?.({
          directive: event.effectiveDirective,
          blockedURI: event.blockedURI,
          sourceFile: event.sourceFile,
          lineNumber: event.lineNumber,
        });
      },
      { capture: true },
    );
  }, CSP_BINDING);

  if (!offline) return;
  await context.setOffline(true);
  await context.route("**/*", async (route) => {
    const request = route.request();
    if (staysLocal(request.url())) {
      await route.continue();
      return;
    }
    blocked.add(request);
    record({
      kind: "blocked-request",
      message: `offline page requested ${request.method()} ${request.url()}`,
      url: request.url(),
      pageUrl: pageUrlOf(request),
    });
    await route.abort("internetdisconnected");
  });
  await context.routeWebSocket(/.*/, (socket) => {
    record({
      kind: "blocked-request",
      message: `offline page opened a WebSocket to ${socket.url()}`,
      url: socket.url(),
      pageUrl: "",
    });
    void socket.close({ code: 1008, reason: "offline" });
  });
}
