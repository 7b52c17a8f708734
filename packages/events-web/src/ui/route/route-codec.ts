import {
  DEFAULT_ROUTE,
  MAX_ZOOM,
  MIN_ZOOM,
  OUTCOMES,
  type Outcome,
  PERIODS,
  type Period,
  type Route,
  UNITS,
  type Unit,
  type ViewName,
} from "./route.js";

/** Reads a route from a query string (`?view=…`); anything unknown or malformed falls back to the default. */
export function parseRoute(query: string): Route {
  const params = new URLSearchParams(query);
  const audit = text(params.get("audit"));
  const requested = params.get("view");
  const view: ViewName =
    requested === "insights" || requested === "audits" || requested === "audit"
      ? requested === "audit" && audit === undefined
        ? "audits"
        : requested
      : audit !== undefined
        ? "audit"
        : "audits";
  const period = params.get("period");
  const since = text(params.get("since"));
  const unit = params.get("unit");
  return {
    view,
    ...optional("project", text(params.get("project"))),
    outcomes: list(params.get("outcome")).filter((o): o is Outcome =>
      (OUTCOMES as readonly string[]).includes(o),
    ),
    ...optional("q", text(params.get("q"))),
    ...optional("audit", audit),
    ...optional("phase", positive(params.get("phase"))),
    ...optional("attempt", text(params.get("attempt"))),
    types: list(params.get("type")),
    ...optional("inPhase", positive(params.get("in_phase"))),
    zoom: clampZoom(Number(params.get("zoom") ?? DEFAULT_ROUTE.zoom)),
    period: (PERIODS as readonly string[]).includes(period ?? "")
      ? (period as Period)
      : since !== undefined
        ? "custom"
        : DEFAULT_ROUTE.period,
    ...optional("since", since),
    ...optional(
      "unit",
      (UNITS as readonly string[]).includes(unit ?? "") ? (unit as Unit) : undefined,
    ),
  };
}

/** The query string of a route (with its `?`), holding only what differs from the defaults. */
export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.view === "insights") {
    params.set("view", "insights");
    if (route.period !== DEFAULT_ROUTE.period) params.set("period", route.period);
    if (route.period === "custom" && route.since !== undefined) params.set("since", route.since);
    if (route.unit !== undefined) params.set("unit", route.unit);
  } else if (route.view === "audit" && route.audit !== undefined) {
    params.set("audit", route.audit);
    if (route.phase !== undefined) params.set("phase", String(route.phase));
    if (route.phase !== undefined && route.attempt !== undefined) {
      params.set("attempt", route.attempt);
    }
    if (route.types.length > 0) params.set("type", route.types.join(","));
    if (route.inPhase !== undefined) params.set("in_phase", String(route.inPhase));
    if (route.zoom !== DEFAULT_ROUTE.zoom) params.set("zoom", String(route.zoom));
  } else {
    if (route.project !== undefined) params.set("project", route.project);
    if (route.outcomes.length > 0) params.set("outcome", route.outcomes.join(","));
    if (route.q !== undefined) params.set("q", route.q);
  }
  const query = params.toString();
  return query === "" ? "?" : `?${query}`;
}

export function clampZoom(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_ROUTE.zoom;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(value * 100) / 100));
}

function text(value: string | null): string | undefined {
  return value === null || value.trim() === "" ? undefined : value;
}

function list(value: string | null): string[] {
  return value === null ? [] : value.split(",").filter((item) => item !== "");
}

function positive(value: string | null): number | undefined {
  const number = Number(value ?? "");
  return value !== null && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** `{ [key]: value }` when the value is defined, else `{}` (exactOptionalPropertyTypes keeps undefined out). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
