import type pg from "pg";
import { connectionSettings } from "./connection-string.js";
import type { ConnectionTarget } from "./wrap-pg-error.js";

/**
 * Where a connection string or pool points, as node-postgres resolves it:
 * settings, then the PG* environment variables, then libpq's defaults. A
 * connection string the store cannot read throws
 * `PostgresConnectionStringError` (the store is being built: fail now, not
 * on first use); a pool's own string is the caller's, read as far as it goes.
 */
export function connectionTarget(
  settings: { connectionString?: string | undefined; pool?: pg.Pool | undefined },
  env: NodeJS.ProcessEnv = process.env,
): ConnectionTarget {
  const options: pg.PoolConfig = settings.pool?.options ?? {};
  let parsed: pg.ClientConfig | undefined;
  if (settings.connectionString !== undefined) {
    parsed = connectionSettings(settings.connectionString);
  } else if (options.connectionString !== undefined) {
    try {
      parsed = connectionSettings(options.connectionString);
    } catch {
      parsed = undefined;
    }
  }
  // `||`, as node-postgres reads them: an empty user or password in a URL means "not given".
  const user = parsed?.user || options.user || env.PGUSER || env.USER;
  const port = parsed?.port || options.port || env.PGPORT;
  const password = parsed?.password || options.password || env.PGPASSWORD;
  return {
    host: parsed?.host || options.host || env.PGHOST || "localhost",
    port: port === undefined || port === "" ? undefined : Number(port),
    database: parsed?.database || options.database || env.PGDATABASE || user || "postgres",
    user: user || undefined,
    password: typeof password === "string" && password !== "" ? password : undefined,
  };
}
