import { InvalidQueryError } from "./errors/invalid-query-error.js";
import type { Run } from "./instant-run.js";
import type { EventRecord } from "./record.js";
import type { AuditSummary, ListAuditsOptions } from "./storage.js";

/** One audit's summary from its run of records, kept up to date as records arrive. */
export function summarize(auditId: string, run: Run): AuditSummary {
  const data = run.started?.data;
  const ended = run.ended?.type;
  return {
    auditId,
    firstTimestamp: (run.records[0] as EventRecord).timestamp,
    lastTimestamp: (run.records[run.length - 1] as EventRecord).timestamp,
    eventCount: run.length,
    project: typeof data?.project === "string" ? data.project : null,
    slug: typeof data?.slug === "string" ? data.slug : null,
    outcome:
      ended === "audit_completed" ? "completed" : ended === "audit_abandoned" ? "abandoned" : null,
  };
}

/** Checks `listAudits` options: `InvalidQueryError` naming the field. */
export function checkListAudits(options: ListAuditsOptions = {}): ListAuditsOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidQueryError("(root)", "listAudits options must be an object");
  }
  const { prefix, limit } = options;
  if (prefix !== undefined && typeof prefix !== "string") {
    throw new InvalidQueryError("prefix", "must be a string");
  }
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new InvalidQueryError(
      "limit",
      `must be a whole number, 0 or more (got ${String(limit)})`,
    );
  }
  return { prefix, limit };
}
