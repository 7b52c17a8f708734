import { computeInsights } from "@phaser/events-analysis";
import { normalizeQuery } from "@phaser/events-core/store-kit";
import { sendJson } from "../http/respond.js";
import type { RouteRequest } from "../server-context.js";

/**
 * `GET /api/insights?since=&until=`: the CLI's `insights` numbers over the
 * events in the window. Audits that started before `since` still count under
 * their project (their `audit_started` is read too). A time the store cannot
 * read is a 400 naming the parameter.
 */
export async function showInsights({ res, target, context }: RouteRequest): Promise<void> {
  const since = target.search.get("since") || undefined;
  const until = target.search.get("until") || undefined;
  normalizeQuery({ since, until }); // throws InvalidQueryError (400) before the store is asked
  const { storage } = context;
  const records = await storage.getEvents({ since, until });
  const auditStarts =
    since === undefined ? [] : await storage.getEvents({ eventType: "audit_started", until });
  sendJson(res, 200, computeInsights(records, { since, auditStarts }));
}
