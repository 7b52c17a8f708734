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

/**
 * The one audit `value` names among `rows` (newest first, as
 * `AuditRowsBuilder.rows()` gives them): `latest` is the newest; an id is
 * itself; otherwise a prefix of {@link MIN_AUDIT_ID_PREFIX} characters or
 * more names the one audit whose id starts with it, and is ambiguous when
 * several do. The rule `phaser-events` applies to its `--audit` arguments.
 */
export function matchAuditId(rows: readonly AuditRow[], value: string): AuditIdMatch {
  if (value === LATEST_AUDIT) {
    const newest = rows[0];
    return newest === undefined ? { kind: "none" } : { kind: "found", auditId: newest.auditId };
  }
  if (rows.some((row) => row.auditId === value)) return { kind: "found", auditId: value };
  if (value.length < MIN_AUDIT_ID_PREFIX) return { kind: "none" };
  const candidates = rows.filter((row) => row.auditId.startsWith(value)).map((row) => row.auditId);
  if (candidates.length === 0) return { kind: "none" };
  if (candidates.length === 1) return { kind: "found", auditId: candidates[0] as string };
  return { kind: "ambiguous", candidates };
}
