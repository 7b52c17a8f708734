import { startTestServer, stopTestServer, type TestServerInfo } from "@phaser/postgres-test-server";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's server, or null when none could be started. */
    pgServer: TestServerInfo | null;
    /** Why there is no server. */
    pgUnavailable: string;
  }
}

let server: TestServerInfo | undefined;

/**
 * Starts the run's PostgreSQL server. Without one, CI fails here; a developer
 * machine without PostgreSQL skips the suites, saying why.
 */
export async function setup({ provide }: TestProject): Promise<void> {
  try {
    server = await startTestServer();
    provide("pgServer", server);
    provide("pgUnavailable", "");
  } catch (error) {
    const reason = `cannot start a PostgreSQL test server: ${(error as Error).message}`;
    if (process.env.CI) {
      throw new Error(
        `${reason}\nCI must run the PostgreSQL tests: install PostgreSQL (see .ci/run).`,
      );
    }
    console.warn(`\n[events-store-postgres] SKIPPING every test: ${reason}\n`);
    provide("pgServer", null);
    provide("pgUnavailable", reason);
  }
}

export async function teardown(): Promise<void> {
  if (server !== undefined) await stopTestServer(server);
}
