import { createTestDatabase, type TestServerInfo } from "@phaser/postgres-test-server";
import { inject } from "vitest";
import { PostgresStorage } from "../src/index.js";

/** The run's server (see global-setup.ts); undefined when tests are skipped. */
export const server: TestServerInfo | undefined = inject("pgServer") ?? undefined;

/** True when there is no server: pass to `describe.skipIf`. */
export const noServer = server === undefined;

/** The started server; only call inside suites skipped when there is none. */
export function requireServer(): TestServerInfo {
  if (server === undefined) throw new Error(inject("pgUnavailable"));
  return server;
}

/** A unique lowercase name with a prefix, usable as a database or schema name. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/** A fresh database of its own (so test files can run in parallel); returns its URL. */
export function freshDatabase(prefix = "db"): Promise<string> {
  return createTestDatabase(requireServer(), uniqueName(prefix));
}

/** A store in a fresh schema of `url`'s database: empty, and nobody else's. */
export function freshStorage(url: string, pollMs?: number): PostgresStorage {
  return new PostgresStorage({ connectionString: url, schema: uniqueName("s"), pollMs });
}
