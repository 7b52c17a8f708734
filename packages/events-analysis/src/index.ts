// Pure analysis of stored event records: no I/O, no Node APIs, so it runs in browsers too.
export type { AuditOutcome, AuditRow } from "./audit-row.js";
export { AuditRowsBuilder, auditRows } from "./audit-rows-builder.js";
export type {
  AuditTimeline,
  PhaseStatus,
  PhaseTimeline,
  VerificationAttempt,
} from "./audit-timeline.js";
export { buildAuditTimeline } from "./build-audit-timeline.js";
export { computeInsights } from "./compute-insights.js";
export type { AuditRun, PhaseRun } from "./group-audits.js";
export {
  groupAudits,
  isPhaseOutcome,
  phaseNumberOf,
  projectOf,
  slugOf,
  UNKNOWN_PROJECT,
} from "./group-audits.js";
export type {
  ChangedFile,
  ComputeInsightsOptions,
  FailingCommand,
  Insights,
  ProjectInsights,
  RetriedPhase,
} from "./insights.js";
export { TOP_LIMIT } from "./insights.js";
export { numberField, stringField } from "./record-data.js";
export type { CheckResult, VerificationCheck } from "./verification-checks.js";
export { checkResult, UNKNOWN_COMMAND, verificationChecks } from "./verification-checks.js";
