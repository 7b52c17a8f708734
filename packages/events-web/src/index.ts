export type { TimelineServer, TimelineServerOptions } from "./server-options.js";
export { DEFAULT_PORT } from "./server-options.js";
export { createTimelineServer } from "./timeline-server.js";
