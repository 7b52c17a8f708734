import type { TrendUnit } from "@phaser/events-analysis";

/**
 * Everything a link can say: the view, the audit, what is selected, the
 * filters and the zoom. It is the page's state; the URL is its serialized form.
 */
export type ViewName = "audits" | "audit" | "insights";

export const OUTCOMES = ["completed", "failed", "abandoned", "in_progress"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PERIODS = ["7d", "30d", "all", "custom"] as const;
export type Period = (typeof PERIODS)[number];

/** The insights chart's bucket lengths: events-analysis' own. */
export { TREND_UNITS as UNITS } from "@phaser/events-analysis";
export type Unit = TrendUnit;

export interface Route {
  readonly view: ViewName;
  /** Audits view: the project filter. */
  readonly project?: string;
  /** Audits view: the outcomes shown (none: all). */
  readonly outcomes: readonly Outcome[];
  /** Audits view: text matched against id, project and slug. */
  readonly q?: string;
  /** Audit view: the audit's id (or a unique prefix of it). */
  readonly audit?: string;
  /** Audit view: the selected phase. */
  readonly phase?: number;
  /** Audit view: the selected verification attempt of {@link phase}, by its id. */
  readonly attempt?: string;
  /** Audit view: the event table shows only these types (none: all). */
  readonly types: readonly string[];
  /** Audit view: the event table shows only this phase's events. */
  readonly inPhase?: number;
  /** Audit view: how many times wider than "fit" the chart is drawn (1 = fit). */
  readonly zoom: number;
  /** Insights view: the period. */
  readonly period: Period;
  /** Insights view with a custom period: its start, a date or an instant. */
  readonly since?: string;
  /** Insights view: the chart's bucket length; absent: the server chooses from the period's length. */
  readonly unit?: Unit;
}

export const DEFAULT_ROUTE: Route = {
  view: "audits",
  outcomes: [],
  types: [],
  zoom: 1,
  period: "30d",
};

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 64;
