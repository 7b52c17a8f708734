import type { EventStorage } from "@phaser/events-core";
import { CliError } from "../errors/cli-error.js";

/** The word that stands for the most recent audit wherever an audit id is taken. */
export const LATEST = "latest";

/**
 * Resolves an `--audit`/`<auditId>` argument: `latest` becomes the audit of
 * the most recently started audit (or, with no `audit_started` stored, of the
 * most recent event); any other value is an id, returned as given.
 */
export async function resolveAuditId(
  storage: EventStorage,
  value: string,
  location: string,
): Promise<string> {
  if (value !== LATEST) return value;
  const started = await storage.getEvents({ eventType: "audit_started" });
  const latest = started.at(-1) ?? (await storage.getEvents()).at(-1);
  if (latest === undefined) throw new CliError(`no audits in ${location}, so none is the latest`);
  return latest.audit_id;
}
