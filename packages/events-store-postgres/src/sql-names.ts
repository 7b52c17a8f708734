import { createHash } from "node:crypto";

/** The identifiers and keys a store uses, derived from its schema and table. */
export interface SqlNames {
  readonly schema: string;
  readonly table: string;
  /** `"schema"."table"`, quoted. */
  readonly events: string;
  /** `"schema"."table_migrations"`, quoted. */
  readonly migrations: string;
  /** The LISTEN/NOTIFY channel (at most 63 bytes, as PostgreSQL requires). */
  readonly channel: string;
  /** Advisory lock key (a bigint, as text) serialising appends to this table. */
  readonly appendLock: string;
  /** Advisory lock key serialising migrations of this table. */
  readonly migrateLock: string;
}

/** Quotes an identifier for SQL: `my"name` → `"my""name"`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function sqlNames(schema: string, table: string): SqlNames {
  for (const [field, value] of [
    ["schema", schema],
    ["table", table],
  ] as const) {
    if (value === "" || Buffer.byteLength(value) > 50 || value.includes("\0")) {
      throw new TypeError(
        `${field} must be 1 to 50 bytes without NUL (got ${JSON.stringify(value)})`,
      );
    }
  }
  const qualified = `${schema}.${table}`;
  return {
    schema,
    table,
    events: `${quoteIdent(schema)}.${quoteIdent(table)}`,
    migrations: `${quoteIdent(schema)}.${quoteIdent(`${table}_migrations`)}`,
    channel: `phaser_events_${digest(qualified).slice(0, 16)}`,
    appendLock: lockKey(`append:${qualified}`),
    migrateLock: lockKey(`migrate:${qualified}`),
  };
}

function digest(text: string): string {
  return createHash("sha256").update(`phaser-events:${text}`).digest("hex");
}

/** A signed 64-bit advisory lock key from a name, as decimal text. */
function lockKey(name: string): string {
  return BigInt.asIntN(64, BigInt(`0x${digest(name).slice(0, 16)}`)).toString();
}
