import {
  computeInsightsWithTrend,
  type InsightsWithTrend,
  ISO_INSTANT_FORMS,
  isInvalidTrendError,
  isoInstantMs,
  TREND_UNITS,
  type TrendUnit,
} from "@phaser/events-analysis";
import { strictTimestampKey } from "@phaser/events-core/store-kit";
import { HttpError } from "../errors/http-error.js";
import { sendJson } from "../http/respond.js";
import type { RouteRequest } from "../server-context.js";

/**
 * `GET /api/insights?since=&until=&unit=`: the CLI's `insights` numbers over
 * the events in the window, and beside them `trend`: the same per project per
 * day, week, month or year (`computeInsightsWithTrend`: a window from `since`
 * runs to now; a window of more buckets than a chart holds keeps its latest,
 * and `trend.truncated` says so). Audits that started before `since` still
 * count under their project (their `audit_started` is read too). A `since` or
 * `until` that is not an ISO 8601 date or time (the page reads them by the
 * same rule), a unit that is not one of `TREND_UNITS`, or a `unit` and a
 * `since` that together make too many buckets is a 400 naming the parameter.
 */
export async function showInsights({ res, target, context }: RouteRequest): Promise<void> {
  const since = timeParameter(target.search, "since");
  const until = timeParameter(target.search, "until");
  const unit = parseUnit(target.search.get("unit"));
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

/**
 * `since` or `until`, read strictly (`isoInstantMs`: not `Date.parse`, which
 * reads `1` as 2001); undefined when absent or empty. A UTC date-time goes to
 * the store as written (its key keeps microseconds); any other form as its
 * canonical UTC instant, so the store cannot read it in another time zone.
 */
function timeParameter(search: URLSearchParams, name: "since" | "until"): string | undefined {
  const value = search.get(name) || undefined;
  if (value === undefined) return undefined;
  const ms = isoInstantMs(value);
  if (ms === undefined) {
    throw new HttpError(
      "BAD_REQUEST",
      `${name} must be ${ISO_INSTANT_FORMS} (got ${JSON.stringify(value)})`,
    );
  }
  return Number.isNaN(strictTimestampKey(value)) ? new Date(ms).toISOString() : value;
}

/** `unit`: one of `TREND_UNITS`; undefined (chosen from the window's length) when absent or empty. */
function parseUnit(value: string | null): TrendUnit | undefined {
  if (value === null || value === "") return undefined;
  if ((TREND_UNITS as readonly string[]).includes(value)) return value as TrendUnit;
  throw new HttpError(
    "BAD_REQUEST",
    `unit must be ${TREND_UNITS.slice(0, -1).join(", ")} or ${TREND_UNITS.at(-1)} (got ${JSON.stringify(value)})`,
  );
}
