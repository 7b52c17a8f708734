export { emitAuditAbandoned, emitAuditCompleted, emitAuditStarted } from "./audit-helpers.js";
export { emitFileCreated, emitFileDeleted, emitFileModified } from "./file-helpers.js";
export type {
  PayloadInput,
  PhaseFailedInput,
  PhaseSkippedInput,
  VerificationPassedInput,
} from "./payload-input.js";
export {
  emitPhaseCompleted,
  emitPhaseFailed,
  emitPhaseSkipped,
  emitPhaseStarted,
} from "./phase-helpers.js";
export { stripTerminalControls, truncateOutput } from "./truncate-output.js";
export { emitVerificationFailed, emitVerificationPassed } from "./verification-helpers.js";
