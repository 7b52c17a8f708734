import type pg from "pg";
import { parse } from "pg-connection-string";
import type { ConnectionTarget } from "./wrap-pg-error.js";

/**
 * Where a connection string or pool points, as node-postgres resolves it:
 * settings, then the PG* environment variables, then libpq's defaults.
 */
export function connectionTarget(
  settings: { connectionString?: string | undefined; pool?: pg.Pool | undefined },
  env: NodeJS.ProcessEnv = process.env,
): ConnectionTarget {
  const options: pg.PoolConfig = settings.pool?.options ?? {};
  const connectionString = settings.connectionString ?? options.connectionString;
  let parsed: ReturnType<typeof parse> | undefined;
  try {
    parsed = connectionString === undefined ? undefined : parse(connectionString);
  } catch {
    parsed = undefined;
  }
  const user = parsed?.user ?? options.user ?? env.PGUSER ?? env.USER;
  const port = parsed?.port ?? options.port ?? env.PGPORT;
  const password = parsed?.password ?? options.password ?? env.PGPASSWORD;
  return {
    host: parsed?.host ?? options.host ?? env.PGHOST ?? "localhost",
    port: port === undefined || port === null ? undefined : Number(port),
    database: parsed?.database ?? options.database ?? env.PGDATABASE ?? user ?? "postgres",
    user: user ?? undefined,
    password: typeof password === "string" ? password : undefined,
  };
}
