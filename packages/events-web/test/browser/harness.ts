import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserProblem, BrowserSession } from "@phaser/browser-test-kit";
import type { EventRecord } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
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

export async function startWeb(records: readonly EventRecord[] = []): Promise<WebFixture> {
  const dir = await mkdtemp(join(tmpdir(), "phaser-web-ui-"));
  const storage = new JsonFileStorage({ dir, ...KEEP_ALL });
  await storage.open();
  if (records.length > 0) await storage.appendEvents(records);
  const serve = (port: number) =>
    createTimelineServer({ storage, port, uiDir: UI_DIR, onError: () => {} });
  const fixture: WebFixture = {
    dir,
    storage,
    server: await serve(0),
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
