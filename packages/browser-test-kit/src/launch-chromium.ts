import { type Browser, chromium, type Page } from "playwright-core";
import type { BrowserProblem } from "./browser-problem.js";
import { chromiumPath } from "./chromium-path.js";
import { watchContext } from "./watch-context.js";

export interface NewPageOptions {
  /**
   * Block every network request except `file:` URLs: the context is set offline and a route
   * aborts anything else, each reported by `problems()` as kind "blocked-request". Default false.
   */
  readonly offline?: boolean;
  /** Default true. Without JavaScript, no `securitypolicyviolation` listener runs either. */
  readonly javaScriptEnabled?: boolean;
  /** Default 1280 × 720. */
  readonly viewport?: { readonly width: number; readonly height: number };
}

export interface BrowserSession {
  readonly browser: Browser;
  /** A new page in a fresh context; records console errors, page errors and CSP violations (securitypolicyviolation events) for `problems()`. */
  newPage(options?: NewPageOptions): Promise<Page>;
  /** Console errors, uncaught page errors, CSP violations, failed requests seen so far in pages of this session. */
  problems(): readonly BrowserProblem[];
  close(): Promise<void>;
}

export interface LaunchChromiumOptions {
  /** Default true. */
  readonly headless?: boolean;
}

const DEFAULT_VIEWPORT = { width: 1280, height: 720 } as const;

/**
 * Starts the machine's Chromium (`chromiumPath()`, so BrowserMissingError when there is none).
 * As root, Chromium refuses to start sandboxed, so it runs with --no-sandbox there; the tests
 * load only pages of their own.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<BrowserSession> {
  const executablePath = chromiumPath();
  const browser = await chromium.launch({
    executablePath,
    headless: options.headless ?? true,
    chromiumSandbox: process.getuid?.() !== 0,
  });
  const problems: BrowserProblem[] = [];
  const record = (problem: BrowserProblem): void => {
    problems.push(Object.freeze(problem));
  };

  return {
    browser,
    async newPage(pageOptions: NewPageOptions = {}): Promise<Page> {
      const context = await browser.newContext({
        viewport: pageOptions.viewport ?? DEFAULT_VIEWPORT,
        javaScriptEnabled: pageOptions.javaScriptEnabled ?? true,
        // A service worker's fetches bypass the context's routes: none may start offline.
        serviceWorkers: pageOptions.offline ? "block" : "allow",
      });
      try {
        await watchContext(context, record, pageOptions.offline ?? false);
        const page = await context.newPage();
        page.once("close", () => {
          context.close().catch(() => {});
        });
        return page;
      } catch (error) {
        await context.close().catch(() => {});
        throw error;
      }
    },
    problems: () => [...problems],
    async close(): Promise<void> {
      await browser.close();
    },
  };
}
