import type { AuditRow } from "@phaser/events-analysis";
import type { RowsChange } from "./store-follower.js";

/**
 * One Server-Sent Events message for a record: `id` is its position (what a
 * reconnecting browser sends back as `Last-Event-ID`), `data` one line of
 * JSON `{ seq, record, audit }`. JSON.stringify escapes every line break in
 * strings, so stored text cannot end a field or forge a message.
 */
export function recordMessage(seq: number, recordJson: string, audit: AuditRow | null): string {
  return `id: ${seq}\nevent: record\ndata: {"seq":${seq},"record":${recordJson},"audit":${JSON.stringify(audit)}}\n\n`;
}

/** Sent first: how long a browser waits before it reconnects, in ms. */
export const RETRY_MESSAGE = "retry: 2000\n\n";

/** A comment line: keeps proxies from closing an idle stream; browsers ignore it. */
export const HEARTBEAT_MESSAGE = ": heartbeat\n\n";

/**
 * A `rows` message: the rows' version, and what the recheck that made it
 * changed (audits removed from the store, rows rebuilt). Sent first too,
 * with the version alone, so a client that missed a change asks for the
 * rows again. No `id`: it does not move the position a browser resumes from.
 */
export function rowsMessage(change: Partial<RowsChange> & { readonly version: number }): string {
  return `event: rows\ndata: ${JSON.stringify(change)}\n\n`;
}

/**
 * A `reset` message, then the stream ends: the client asked to resume after a position beyond the
 * server's (it followed another store, or this one before it lost records). What it holds cannot
 * be brought up to date record by record: it loads everything again, from `position`.
 */
export function resetMessage(position: number): string {
  return `event: reset\ndata: ${JSON.stringify({ position })}\n\n`;
}
