import { JsonFileStorage } from "@phaser/events-store-json";
import { PostgresStorage } from "@phaser/events-store-postgres";

/** A store another process can open too: a JSON store's folder, or a PostgreSQL schema. */
export type StoreLocation =
  | { readonly kind: "json"; readonly dir: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema: string };

/** Keep every record whatever its age or number: the data sets have fixed timestamps in 2025. */
const KEEP_ALL = { retentionDays: 0, maxEvents: 0 } as const;

/** A store instance of its own on `location`. */
export function openStore(location: StoreLocation): JsonFileStorage | PostgresStorage {
  return location.kind === "json"
    ? new JsonFileStorage({ dir: location.dir, ...KEEP_ALL })
    : new PostgresStorage({ connectionString: location.url, schema: location.schema });
}

/** Creates the store's tables (PostgreSQL; a JSON store needs nothing), before any process opens it. */
export async function prepareStore(location: StoreLocation): Promise<void> {
  if (location.kind !== "postgres") return;
  const storage = new PostgresStorage({ connectionString: location.url, schema: location.schema });
  try {
    await storage.migrate();
  } finally {
    await storage.close();
  }
}
