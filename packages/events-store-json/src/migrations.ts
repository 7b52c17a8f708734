/**
 * A migration turns the parsed root of an events file at version `target - 1`
 * into the root at version `target`. It receives a value it may not mutate
 * (return a new one) and must return `{ version: target, events: [...] }` plus
 * any other root fields it wants kept.
 */
export type Migration = (previous: unknown) => unknown;

/** Migrations keyed by the version they produce. The newest key is the current version. */
export type MigrationRegistry = Readonly<Record<number, Migration>>;

/**
 * Version 0 is a bare JSON array of records, as earlier tools wrote.
 * Version 1 wraps it: `{ "version": 1, "events": [...] }`.
 */
const toVersion1: Migration = (previous) => ({ version: 1, events: previous });

/** The migrations this version of the package ships. */
export const defaultMigrations: MigrationRegistry = Object.freeze({ 1: toVersion1 });

/** The newest version a registry produces (0 for an empty one). */
export function currentVersion(registry: MigrationRegistry): number {
  return Math.max(0, ...Object.keys(registry).map(Number));
}

/**
 * Applies the registry's migrations from `from + 1` up to its current version,
 * in order. Throws when one is missing from the chain.
 */
export function migrate(root: unknown, from: number, registry: MigrationRegistry): unknown {
  const target = currentVersion(registry);
  let value = root;
  for (let version = from + 1; version <= target; version++) {
    const step = registry[version];
    if (step === undefined) {
      throw new Error(
        `no migration to version ${version} is registered (migrating ${from} → ${target})`,
      );
    }
    value = step(value);
  }
  return value;
}
