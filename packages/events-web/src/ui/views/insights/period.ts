import type { Period, Route } from "../../route/route.js";

const DAY_MS = 86_400_000;

/** The `since` instant (ISO) of the route's period, `undefined` for all time or a custom period without a start. */
export function sinceOf(route: Route, nowMs: number): string | undefined {
  switch (route.period) {
    case "7d":
      return new Date(nowMs - 7 * DAY_MS).toISOString();
    case "30d":
      return new Date(nowMs - 30 * DAY_MS).toISOString();
    case "all":
      return undefined;
    case "custom": {
      if (route.since === undefined) return undefined;
      const ms = Date.parse(
        /^\d{4}-\d{2}-\d{2}$/.test(route.since) ? `${route.since}T00:00:00Z` : route.since,
      );
      return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
    }
  }
}

export const PERIOD_LABELS: Record<Period, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  all: "All time",
  custom: "From a date",
};
