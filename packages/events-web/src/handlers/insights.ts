import {
  computeInsightsWithTrend,
  type InsightsWithTrend,
  isInvalidTrendError,
  TREND_UNITS,
  type TrendUnit,
} from "@phaser/events-analysis";
import { normalizeQuery } from "@phaser/events-core/store-kit";
import { HttpError } from "../errors/http-error.js";
import { sendJson } from "../http/respond.js";
import type { RouteRequest } from "../server-context.js";

/**
 * `GET /api/insights?since=&until=&unit=`: the CLI's `insights` numbers over
 * the events in the window, and beside them `trend`: the same per project per
 * day, week or month (`computeInsightsWithTrend`: a window from `since` runs
 * to now). Audits that started before `since`
 * still count under their project (their `audit_started` is read too). A time
 * the store cannot read, a unit other than `day`, `week` or `month`, or a
 * window of too many buckets for its unit is a 400 naming the parameter.
 */
export async function showInsights({ res, target, context }: RouteRequest): Promise<void> {
  const since = target.search.get("since") || undefined;
  const until = target.search.get("until") || undefined;
  const unit = parseUnit(target.search.get("unit"));
  normalizeQuery({ since, until }); // throws InvalidQueryError (400) before the store is asked
  const { storage } = context;
  const records = await storage.getEvents({ since, until });
  const auditStarts =
    since === undefined ? [] : await storage.getEvents({ eventType: "audit_started", until });
  let insights: InsightsWithTrend;
  try {
    insights = computeInsightsWithTrend(records, { since, until, unit, auditStarts });
  } catch (error) {
    if (isInvalidTrendError(error)) throw new HttpError("BAD_REQUEST", error.message);
    throw error;
  }
  sendJson(res, 200, insights);
}

/** `unit`: `day`, `week` or `month`; undefined (chosen from the window's length) when absent or empty. */
function parseUnit(value: string | null): TrendUnit | undefined {
  if (value === null || value === "") return undefined;
  if ((TREND_UNITS as readonly string[]).includes(value)) return value as TrendUnit;
  throw new HttpError(
    "BAD_REQUEST",
    `unit must be day, week or month (got ${JSON.stringify(value)})`,
  );
}
