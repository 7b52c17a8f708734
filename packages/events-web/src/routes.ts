import { HttpError } from "./errors/http-error.js";
import { listAudits, showAudit, showAuditByQuery } from "./handlers/audits.js";
import { listEvents } from "./handlers/events.js";
import { showInsights } from "./handlers/insights.js";
import { serveStatic } from "./handlers/static-files.js";
import { openStream } from "./handlers/stream.js";
import { decodePathPart } from "./http/query-params.js";
import { isApiPath } from "./http/request-target.js";
import type { Handler } from "./server-context.js";

/** The API, read-only: every route answers GET and HEAD, and none changes data. */
const API: readonly (readonly [RegExp, Handler])[] = [
  [/^\/api\/audits$/, listAudits],
  [/^\/api\/audits\/([^/]+)$/, showAudit],
  [/^\/api\/audit$/, showAuditByQuery],
  [/^\/api\/events$/, listEvents],
  [/^\/api\/stream$/, openStream],
  [/^\/api\/insights$/, showInsights],
];

/** The methods every route answers; anything else is 405. */
export const ALLOWED_METHODS = "GET, HEAD";

/**
 * The handler of a path, with its decoded path parameters: an API route,
 * 404 for any other `/api` path, else a static file of the UI.
 */
export function route(pathname: string): { handler: Handler; params: string[] } {
  if (!isApiPath(pathname)) return { handler: serveStatic, params: [] };
  for (const [pattern, handler] of API) {
    const match = pattern.exec(pathname);
    if (match !== null) {
      const params = match.slice(1).map((part) => decodePathPart(part ?? "", "the path"));
      return { handler, params };
    }
  }
  throw new HttpError("NOT_FOUND", `no API route ${pathname}`);
}
