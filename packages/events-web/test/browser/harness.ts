import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BrowserProblem,
  type BrowserSession,
  launchChromium,
  type NewPageOptions,
} from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import type { Page } from "playwright-core";
import { createTimelineServer, type TimelineServer } from "../../src/index.js";

/**
 * Where the tests' screenshots go: with `PHASER_UPDATE_SCREENSHOTS=1`, the
 * committed ones the docs show (docs/screenshots/); otherwise a temp folder,
 * so a test run never changes files of the repository.
 */
export const SCREENSHOTS =
  process.env.PHASER_UPDATE_SCREENSHOTS === "1"
    ? new URL("../../docs/screenshots/", import.meta.url).pathname
    : join(tmpdir(), `phaser-web-screenshots-${process.pid}`);

/** The built UI. */
const UI_DIR = new URL("../../dist/ui/", import.meta.url).pathname;

/** A JSON store in a temp folder, and a timeline server over it (the built UI in dist/ui). */
export interface WebFixture {
  readonly dir: string;
  readonly storage: JsonFileStorage;
  server: TimelineServer;
  /** The page's URL with `query` (`?audit=…`). */
  url(query?: string): string;
  append(records: readonly EventRecord[]): Promise<void>;
  /** Closes the server (the store stays open), for a restart. */
  stopServer(): Promise<void>;
  /** A new server on the same port over the same store. */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/** Store options that keep every record, whatever its age: fixtures have fixed timestamps. */
export const KEEP_ALL = { retentionDays: 0, maxEvents: 0 } as const;

export async function startWeb(
  records: readonly EventRecord[] = [],
  options: { readonly recheckMs?: number; readonly port?: number } = {},
): Promise<WebFixture> {
  const { port: firstPort = 0, ...serverOptions } = options;
  const dir = await mkdtemp(join(tmpdir(), "phaser-web-ui-"));
  const storage = new JsonFileStorage({ dir, ...KEEP_ALL });
  await storage.open();
  if (records.length > 0) await storage.appendEvents(records);
  const serve = (port: number) =>
    createTimelineServer({ storage, port, uiDir: UI_DIR, onError: () => {}, ...serverOptions });
  const fixture: WebFixture = {
    dir,
    storage,
    server: await serve(firstPort),
    url: (query = "") => new URL(query, fixture.server.url).href,
    append: (more) => storage.appendEvents(more),
    stopServer: () => fixture.server.close(),
    async startServer() {
      fixture.server = await serve(fixture.server.port);
    },
    async close() {
      await fixture.server.close();
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/**
 * The session's problems, less one that is not: the live stream's request
 * "failed" (`net::ERR_ABORTED`) because the page that held it was reloaded,
 * navigated or closed, as every open EventSource is. `from`: the count of
 * problems before the test began (the session keeps them all).
 */
export function problems(session: BrowserSession, from = 0): BrowserProblem[] {
  return session
    .problems()
    .slice(from)
    .filter(
      (p) =>
        !(
          p.kind === "failed-request" &&
          p.message === "net::ERR_ABORTED" &&
          p.url?.includes("/api/stream")
        ),
    );
}

/** What most browser suites work with: a server over their records, Chromium, and one page. */
export interface BrowserSuite {
  readonly web: WebFixture;
  readonly session: BrowserSession;
  readonly page: Page;
}

/** Starts the server and Chromium at once, then opens the page. */
export async function openBrowserSuite(
  records: readonly EventRecord[],
  pageOptions?: NewPageOptions,
): Promise<BrowserSuite> {
  const [web, session] = await Promise.all([startWeb(records), launchChromium()]);
  return { web, session, page: await session.newPage(pageOptions) };
}

/** Closes what {@link openBrowserSuite} opened (either may be missing if it failed). */
export async function closeBrowserSuite(
  web: WebFixture | undefined,
  session: BrowserSession | undefined,
): Promise<void> {
  await session?.close();
  await web?.close();
}
