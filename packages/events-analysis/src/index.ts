// Pure analysis of stored event records: no I/O, no Node APIs, so it runs in browsers too.
export type { AuditIdMatch } from "./audit-id.js";
export { auditIdAsSent, LATEST_AUDIT, MIN_AUDIT_ID_PREFIX, matchAuditId } from "./audit-id.js";
export type { AuditOutcome, AuditRow } from "./audit-row.js";
export { AuditRowsBuilder, auditRows } from "./audit-rows-builder.js";
export type {
  AuditSummary,
  CheckSummary,
  FileChange,
  PhaseSummary,
} from "./audit-summary.js";
export type {
  AuditTimeline,
  PhaseStatus,
  PhaseTimeline,
  VerificationAttempt,
} from "./audit-timeline.js";
export { buildAuditSummary } from "./build-audit-summary.js";
export { buildAuditTimeline } from "./build-audit-timeline.js";
export { computeInsights } from "./compute-insights.js";
export { computeTrend } from "./compute-trend.js";
export {
  INVALID_TREND,
  InvalidTrendError,
  isInvalidTrendError,
} from "./errors/invalid-trend-error.js";
export type { AuditRun, PhaseRun } from "./group-audits.js";
export {
  groupAudits,
  isPhaseOutcome,
  phaseNumberOf,
  projectOf,
  recordsByAudit,
  slugOf,
  UNKNOWN_PROJECT,
} from "./group-audits.js";
export type {
  ChangedFile,
  ComputeInsightsOptions,
  FailingCommand,
  Insights,
  PhaseCounts,
  ProjectInsights,
  RetriedPhase,
} from "./insights.js";
export { TOP_LIMIT } from "./insights.js";
export type { InsightsWithTrend, InsightsWithTrendOptions } from "./insights-with-trend.js";
export { computeInsightsWithTrend } from "./insights-with-trend.js";
export { ISO_INSTANT_FORMS, isoInstantMs } from "./iso-instant.js";
export { numberField, stringField } from "./record-data.js";
export type {
  AuditOutcomeCounts,
  ComputeTrendOptions,
  DurationPercentiles,
  ProjectTrend,
  Trend,
  TrendBucket,
  TrendTruncation,
  TrendUnit,
} from "./trend.js";
export { MAX_TREND_BUCKETS, TREND_UNITS } from "./trend.js";
export type { CheckResult, VerificationCheck } from "./verification-checks.js";
export {
  checkResult,
  groupChecks,
  resultOf,
  UNKNOWN_COMMAND,
  verificationChecks,
} from "./verification-checks.js";
