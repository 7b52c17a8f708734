import type { EventStorage } from "@phaser/events-core";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";

/**
 * The word that stands for the most recent audit wherever an audit id is
 * taken; the same as `LATEST_AUDIT` of @phaser/events-analysis (whose rule,
 * `matchAuditId`, the web view applies), not imported so that the CLI does
 * not load that package at start.
 */
export const LATEST = "latest";

/** The shortest id prefix taken for a whole id (the CLI prints 8 characters); `MIN_AUDIT_ID_PREFIX` there. */
export const MIN_PREFIX = 4;

export interface ResolveAuditOptions {
  /**
   * Accept a unique prefix of a stored audit id, such as the 8 characters
   * `list` prints. Default true; `emit` turns it off, as it may name a new audit.
   */
  readonly prefix?: boolean;
}

/**
 * Resolves an `--audit`/`<auditId>` argument: `latest` becomes the audit of
 * the most recently started audit (or, with no `audit_started` stored, of the
 * most recent event); an id with stored events stays as it is; otherwise a
 * unique prefix of a stored audit id becomes that id (two or more matches are
 * a usage error listing them). Anything else is returned as given.
 */
export async function resolveAuditId(
  storage: EventStorage,
  value: string,
  location: string,
  options: ResolveAuditOptions = {},
): Promise<string> {
  if (value === LATEST) {
    // The latest record of each kind, read latest-first: no store reads its whole log for it.
    const [started] = await storage.getEvents({
      eventType: "audit_started",
      order: "desc",
      limit: 1,
    });
    const latest = started ?? (await storage.getEvents({ order: "desc", limit: 1 }))[0];
    if (latest === undefined) throw new CliError(`no audits in ${location}, so none is the latest`);
    return latest.audit_id;
  }
  if (options.prefix === false || value.length < MIN_PREFIX) return value;
  if ((await storage.getEvents({ auditId: value, limit: 1 })).length > 0) return value;
  const matches = await auditsStartingWith(storage, value, MAX_LISTED + 1);
  if (matches.length > 1) {
    const listed = matches.slice(0, MAX_LISTED).join(", ");
    throw new CliError(`audit id ${value} is ambiguous in ${location}: ${listed}`, EXIT_USAGE);
  }
  return matches[0] ?? value;
}

/** How many candidates an ambiguity error names. */
const MAX_LISTED = 5;

/**
 * Up to `limit` ids of stored audits that start with `prefix`: through
 * `listAudits` where the store has it (an index or SQL, not every event),
 * otherwise by reading the events.
 */
async function auditsStartingWith(
  storage: EventStorage,
  prefix: string,
  limit: number,
): Promise<string[]> {
  if (storage.listAudits !== undefined) {
    return (await storage.listAudits({ prefix, limit })).map((audit) => audit.auditId);
  }
  const matches = new Set<string>();
  for (const record of await storage.getEvents()) {
    if (record.audit_id.startsWith(prefix)) matches.add(record.audit_id);
  }
  return [...matches].slice(0, limit);
}
