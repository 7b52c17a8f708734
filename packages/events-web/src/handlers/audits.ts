import type { ServerResponse } from "node:http";
import { type AuditRowsBuilder, matchAuditId } from "@phaser/events-analysis";
import { HttpError } from "../errors/http-error.js";
import { sendJson } from "../http/respond.js";
import type { RouteRequest, ServerContext } from "../server-context.js";

/** How many candidates an ambiguous prefix answers with. */
const MAX_CANDIDATES = 20;

/**
 * `GET /api/audits`: `{ position, rowsVersion, audits }`, newest first, from
 * memory, once the rows were checked for audits removed from the store (one
 * check serves the requests that come while it runs).
 */
export async function listAudits({ res, context }: RouteRequest): Promise<void> {
  const { follower } = context;
  await context.track(follower.recheck(0));
  sendJson(res, 200, {
    position: follower.position,
    rowsVersion: follower.rowsVersion,
    audits: follower.rows.rows(),
  });
}

/**
 * `GET /api/audits/:id`: `{ position, audit, events }`. `position` is taken
 * before the events are read, so a stream resumed from it may repeat a record
 * `events` already has: a client dedupes by record id.
 */
export function showAudit({ res, params, context }: RouteRequest): Promise<void> {
  return sendAudit(res, context, params[0] ?? "");
}

/**
 * `GET /api/audit?id=<id>`: as `/api/audits/:id`, the id in the query. A
 * browser removes `.` and `..` path segments (percent-encoded too) before it
 * sends a request, so the page asks this way: audits named so open as well.
 */
export function showAuditByQuery({ res, target, context }: RouteRequest): Promise<void> {
  const id = target.search.get("id");
  if (id === null || id === "") throw new HttpError("BAD_REQUEST", "id is required: an audit id");
  return sendAudit(res, context, id);
}

async function sendAudit(res: ServerResponse, context: ServerContext, id: string): Promise<void> {
  const { follower, storage } = context;
  const auditId = resolveAuditId(follower.rows, id);
  const position = follower.position;
  const events = await storage.getEvents({ auditId });
  if (events.length === 0) {
    // Its records were removed (a clear, retention): the rows learn it now.
    await context.track(follower.recheck(0));
    throw new HttpError("NOT_FOUND", `no audit ${JSON.stringify(auditId)}: it was removed`, {
      auditId,
    });
  }
  const audit = follower.rows.get(auditId);
  sendJson(res, 200, { position, audit, events });
}

/**
 * The audit `id` names, by the rule the CLI applies to `--audit`
 * (`matchAuditId`): `latest`, an id, or a unique prefix of 4 characters or
 * more. 404 when none, 409 with the candidates when several.
 */
function resolveAuditId(rows: AuditRowsBuilder, id: string): string {
  if (rows.get(id) !== undefined) return id;
  const match = matchAuditId(rows.rows(), id);
  if (match.kind === "found") return match.auditId;
  if (match.kind === "none") {
    throw new HttpError("NOT_FOUND", `no audit ${JSON.stringify(id)}`, { auditId: id });
  }
  throw new HttpError(
    "AMBIGUOUS_AUDIT_ID",
    `${match.candidates.length} audits start with ${JSON.stringify(id)}: give more of the id`,
    { candidates: match.candidates.slice(0, MAX_CANDIDATES) },
  );
}
