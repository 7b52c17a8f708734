import type { AuditRow } from "./audit-row.js";

/** The word that stands for the most recently started audit wherever an audit id is taken. */
export const LATEST_AUDIT = "latest";

/** The shortest prefix of an audit id taken for the whole id (the CLI prints 8 characters). */
export const MIN_AUDIT_ID_PREFIX = 4;

/** What an audit id, a prefix of one or {@link LATEST_AUDIT} names among known audits. */
export type AuditIdMatch =
  | { readonly kind: "found"; readonly auditId: string }
  | { readonly kind: "none" }
  | { readonly kind: "ambiguous"; readonly candidates: readonly string[] };

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * An audit id as it arrives through a URL or a command's argument, which hold
 * text as UTF-8: each lone surrogate (which UTF-8 cannot hold, and which
 * `encodeURIComponent` refuses) as U+FFFD, as `String.prototype.toWellFormed`
 * does. Any other id is itself.
 */
export function auditIdAsSent(auditId: string): string {
  return auditId.replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * The one audit `value` names among `rows` (newest first, as
 * `AuditRowsBuilder.rows()` gives them): `latest` is the newest; an id is
 * itself; otherwise a prefix of {@link MIN_AUDIT_ID_PREFIX} characters or
 * more names the one audit whose id starts with it, and is ambiguous when
 * several do. The rule `phaser-events` applies to its `--audit` arguments.
 * An id with a lone surrogate is also named as it arrives through a URL or an
 * argument ({@link auditIdAsSent}).
 */
export function matchAuditId(rows: readonly AuditRow[], value: string): AuditIdMatch {
  if (value === LATEST_AUDIT) {
    const newest = rows[0];
    return newest === undefined ? { kind: "none" } : { kind: "found", auditId: newest.auditId };
  }
  if (rows.some((row) => row.auditId === value)) return { kind: "found", auditId: value };
  const sent = rows.filter((row) => auditIdAsSent(row.auditId) === value).map((r) => r.auditId);
  if (sent.length > 0) {
    return sent.length === 1
      ? { kind: "found", auditId: sent[0] as string }
      : { kind: "ambiguous", candidates: sent };
  }
  if (value.length < MIN_AUDIT_ID_PREFIX) return { kind: "none" };
  const candidates = rows
    .filter((row) => row.auditId.startsWith(value) || auditIdAsSent(row.auditId).startsWith(value))
    .map((row) => row.auditId);
  if (candidates.length === 0) return { kind: "none" };
  if (candidates.length === 1) return { kind: "found", auditId: candidates[0] as string };
  return { kind: "ambiguous", candidates };
}
