export { TOKEN_PATTERN } from "./http/token.js";
export type { AuditReportOptions } from "./render-report.js";
export { renderAuditReport } from "./render-report.js";
export type { TimelineServer, TimelineServerOptions } from "./server-options.js";
export { DEFAULT_PORT } from "./server-options.js";
export { createTimelineServer } from "./timeline-server.js";
