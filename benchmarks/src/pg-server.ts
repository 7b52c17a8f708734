import { PostgresStorage } from "@phaser/events-store-postgres";
import {
  createTestDatabase,
  startTestServer,
  stopTestServer,
  type TestServerInfo,
} from "@phaser/postgres-test-server";
import pg from "pg";

/** A throwaway PostgreSQL server for one target process, with the package's test harness. */
export interface BenchServer {
  readonly info: TestServerInfo;
  /** A URL to a database of its own. */
  readonly url: string;
  /** `SELECT version()`, short: "PostgreSQL 15.8". */
  readonly version: string;
  /** A store in a fresh schema of the database. */
  storage(schema: string): PostgresStorage;
  stop(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const info = await startTestServer();
  try {
    const url = await createTestDatabase(info, "bench");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const full = (await client.query<{ v: string }>("SELECT version() AS v")).rows[0]?.v ?? "?";
    await client.end();
    return {
      info,
      url,
      version: /^PostgreSQL [\d.]+/.exec(full)?.[0] ?? full,
      storage: (schema) => new PostgresStorage({ connectionString: url, schema }),
      stop: () => stopTestServer(info),
    };
  } catch (error) {
    await stopTestServer(info);
    throw error;
  }
}

/** The note every PostgreSQL target carries about its server. */
export function serverNote(server: BenchServer): string {
  return `${server.version}, a throwaway server started for this target (initdb in a temp dir, fsync=off as in the tests: commit cost is CPU and WAL, not the disk), over TCP on 127.0.0.1 with a password.`;
}
