import { describe, expect, it } from "vitest";
import { type AuditRow, auditIdAsSent, MIN_AUDIT_ID_PREFIX, matchAuditId } from "../src/index.js";

const row = (auditId: string) => ({ auditId }) as AuditRow;
// Newest first, as AuditRowsBuilder.rows() gives them.
const ROWS = [
  row("3f2a9c1e-0000-4000-8000-000000000003"),
  row("3f2a1111-0000-4000-8000-000000000002"),
  row("a1b2c3d4-0000-4000-8000-000000000001"),
];

describe("matchAuditId", () => {
  it("takes latest for the newest audit, and finds none in an empty store", () => {
    expect(matchAuditId(ROWS, "latest")).toEqual({ kind: "found", auditId: ROWS[0]?.auditId });
    expect(matchAuditId([], "latest")).toEqual({ kind: "none" });
  });

  it("takes a whole id as itself, even one that is a prefix of another", () => {
    const rows = [row("abcd"), row("abcdef")];
    expect(matchAuditId(rows, "abcd")).toEqual({ kind: "found", auditId: "abcd" });
  });

  it("takes a unique prefix of 4 characters or more, and never a shorter one", () => {
    expect(MIN_AUDIT_ID_PREFIX).toBe(4);
    expect(matchAuditId(ROWS, "a1b2")).toEqual({ kind: "found", auditId: ROWS[2]?.auditId });
    expect(matchAuditId(ROWS, "a1b")).toEqual({ kind: "none" });
    expect(matchAuditId(ROWS, "ffff")).toEqual({ kind: "none" });
  });

  it("names every candidate of an ambiguous prefix, newest first", () => {
    expect(matchAuditId(ROWS, "3f2a")).toEqual({
      kind: "ambiguous",
      candidates: [ROWS[0]?.auditId, ROWS[1]?.auditId],
    });
    expect(matchAuditId(ROWS, "3f2a9")).toEqual({ kind: "found", auditId: ROWS[0]?.auditId });
  });

  it("names an id with a lone surrogate as a URL or an argument brings it (U+FFFD in its place)", () => {
    const lone = "lone-\uD800-id";
    const rows = [row(lone), row("other-\uDC00"), row("twin-\uD800"), row("twin-\uDBFF")];
    expect(auditIdAsSent(lone)).toBe("lone-\uFFFD-id");
    expect(encodeURIComponent(auditIdAsSent(lone))).toBe("lone-%EF%BF%BD-id");
    expect(auditIdAsSent("a\uD83D\uDE00b")).toBe("a\uD83D\uDE00b"); // a pair is kept
    expect(matchAuditId(rows, lone)).toEqual({ kind: "found", auditId: lone });
    expect(matchAuditId(rows, "lone-\uFFFD-id")).toEqual({ kind: "found", auditId: lone });
    expect(matchAuditId(rows, "lone-\uFFFD")).toEqual({ kind: "found", auditId: lone });
    expect(matchAuditId(rows, "other-\uFFFD")).toEqual({ kind: "found", auditId: "other-\uDC00" });
    // Two ids that arrive the same: neither is guessed.
    expect(matchAuditId(rows, "twin-\uFFFD")).toEqual({
      kind: "ambiguous",
      candidates: ["twin-\uD800", "twin-\uDBFF"],
    });
  });
});
