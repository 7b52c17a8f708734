import type { Command } from "commander";
import { commonOptionsOf } from "../commands/common-options.js";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";
import { cliIo } from "../io/cli-io.js";

/** The environment variable that points every command at a PostgreSQL database. */
export const DATABASE_URL_ENV = "PHASER_DATABASE_URL";

/** Where a command's events live. */
export type StoreTarget =
  | { readonly kind: "json"; readonly dir: string | undefined }
  | { readonly kind: "postgres"; readonly url: string };

/**
 * The store the command line names: a `--store` value that is a PostgreSQL
 * connection string (`postgres://…`, `postgresql://…` or libpq's
 * `host=… dbname=…`) is a database, any other a JSON store directory; without
 * `--store`, `$PHASER_DATABASE_URL` when set, else the resolved JSON storage
 * directory. A URL of another scheme (`postgress://…`, `http://…`) is a usage
 * error (exit 2) naming the scheme: taken for a directory it would create a
 * folder named after the URL, password included.
 */
export async function storeTargetOf(
  command: Command,
  env: NodeJS.ProcessEnv = cliIo().env,
): Promise<StoreTarget> {
  const store = commonOptionsOf(command).store;
  if (store !== undefined) {
    return (await isConnectionString(store, "--store"))
      ? { kind: "postgres", url: store }
      : { kind: "json", dir: store };
  }
  const url = env[DATABASE_URL_ENV];
  if (url !== undefined && url !== "") {
    await isConnectionString(url, DATABASE_URL_ENV);
    return { kind: "postgres", url };
  }
  return { kind: "json", dir: undefined };
}

/** The PostgreSQL store's own reading of `value`; its driver is loaded only for a value that may be one. */
async function isConnectionString(value: string, source: string): Promise<boolean> {
  // A URL needs a ":" and a key=value string an "=": a plain directory never loads the driver.
  if (!value.includes(":") && !value.includes("=")) return false;
  const { classifyStoreLocation, isPostgresConnectionStringError } = await import(
    "@phaser/events-store-postgres"
  );
  try {
    return classifyStoreLocation(value) === "postgres";
  } catch (error) {
    if (isPostgresConnectionStringError(error)) {
      throw new CliError(`${source}: ${error.message}`, EXIT_USAGE);
    }
    throw error;
  }
}
