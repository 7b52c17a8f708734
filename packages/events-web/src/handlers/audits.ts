import type { AuditRowsBuilder } from "@phaser/events-analysis";
import { HttpError } from "../errors/http-error.js";
import { sendJson } from "../http/respond.js";
import type { RouteRequest } from "../server-context.js";

/** A shorter id is never taken for a prefix (the CLI prints 8 characters). */
export const MIN_ID_PREFIX = 8;

/** How many candidates an ambiguous prefix answers with. */
const MAX_CANDIDATES = 20;

/** `GET /api/audits`: `{ position, audits }`, newest first, from memory. */
export function listAudits({ res, context }: RouteRequest): void {
  const { follower } = context;
  sendJson(res, 200, { position: follower.position, audits: follower.rows.rows() });
}

/**
 * `GET /api/audits/:id`: `{ position, audit, events }`. `position` is taken
 * before the events are read, so a stream resumed from it may repeat a record
 * `events` already has: a client dedupes by record id.
 */
export async function showAudit({ res, params, context }: RouteRequest): Promise<void> {
  const { follower, storage } = context;
  const auditId = resolveAuditId(follower.rows, params[0] ?? "");
  const position = follower.position;
  const events = await storage.getEvents({ auditId });
  const audit = follower.rows.get(auditId);
  sendJson(res, 200, { position, audit, events });
}

/**
 * The audit `id` names: itself when the server knows it, else the one audit
 * whose id starts with it (8 characters or more). 404 when none, 409 with
 * the candidates when several.
 */
function resolveAuditId(rows: AuditRowsBuilder, id: string): string {
  if (rows.get(id) !== undefined) return id;
  const candidates =
    id.length < MIN_ID_PREFIX
      ? []
      : rows
          .rows()
          .map((row) => row.auditId)
          .filter((auditId) => auditId.startsWith(id));
  if (candidates.length === 1) return candidates[0] as string;
  if (candidates.length === 0) {
    throw new HttpError("NOT_FOUND", `no audit ${JSON.stringify(id)}`, { auditId: id });
  }
  throw new HttpError(
    "AMBIGUOUS_AUDIT_ID",
    `${candidates.length} audits start with ${JSON.stringify(id)}: give more of the id`,
    { candidates: candidates.slice(0, MAX_CANDIDATES) },
  );
}
