import { isoInstantMs } from "@phaser/events-analysis";
import type { Period, Route } from "../../route/route.js";

const DAY_MS = 86_400_000;

/**
 * Where the route's period starts: `since` (an ISO instant, `undefined` for
 * all time), or why it cannot be told: a custom period without a date yet,
 * or with a `since` that is not a date or time.
 */
export type PeriodStart =
  | { readonly kind: "start"; readonly since: string | undefined }
  | { readonly kind: "no-date" }
  | { readonly kind: "invalid"; readonly text: string };

/**
 * The start of the route's period at `nowMs`. A custom `since` is read as
 * the server reads it (`isoInstantMs`: an ISO 8601 date or time, UTC unless it
 * has an offset), so the page never sends one the server would refuse, nor
 * silently drops one and shows all time instead.
 */
export function periodStart(route: Route, nowMs: number): PeriodStart {
  switch (route.period) {
    case "7d":
      return { kind: "start", since: new Date(nowMs - 7 * DAY_MS).toISOString() };
    case "30d":
      return { kind: "start", since: new Date(nowMs - 30 * DAY_MS).toISOString() };
    case "all":
      return { kind: "start", since: undefined };
    case "custom": {
      if (route.since === undefined) return { kind: "no-date" };
      const ms = isoInstantMs(route.since);
      return ms === undefined
        ? { kind: "invalid", text: route.since }
        : { kind: "start", since: new Date(ms).toISOString() };
    }
  }
}

export const PERIOD_LABELS: Record<Period, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  all: "All time",
  custom: "From a date",
};
