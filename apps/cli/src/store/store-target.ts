import type { Command } from "commander";
import { commonOptionsOf } from "../commands/common-options.js";

/** The environment variable that points every command at a PostgreSQL database. */
export const DATABASE_URL_ENV = "PHASER_DATABASE_URL";

/** Where a command's events live. */
export type StoreTarget =
  | { readonly kind: "json"; readonly dir: string | undefined }
  | { readonly kind: "postgres"; readonly url: string };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * The store the command line names: `--store postgres://…` (or
 * `postgresql://…`) is a PostgreSQL database and any other `--store` value a
 * JSON store directory; without `--store`, `$PHASER_DATABASE_URL` when set,
 * else the resolved JSON storage directory.
 */
export function storeTargetOf(command: Command, env: NodeJS.ProcessEnv = process.env): StoreTarget {
  const store = commonOptionsOf(command).store;
  if (store !== undefined) {
    return POSTGRES_URL.test(store)
      ? { kind: "postgres", url: store }
      : { kind: "json", dir: store };
  }
  const url = env[DATABASE_URL_ENV];
  if (url !== undefined && url !== "") return { kind: "postgres", url };
  return { kind: "json", dir: undefined };
}
