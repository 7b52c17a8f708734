import { randomUUID } from "node:crypto";
import type { EventRecord } from "@phaser/events-core";

/** Records of one audit, with timestamps `ms` after a fixed start, as a store holds them. */
export function auditRecords(auditId: string = randomUUID()) {
  const start = Date.parse("2025-12-05T10:00:00.000Z");
  const records: EventRecord[] = [];
  const add = (
    ms: number,
    type: string,
    phase: number | null,
    data: Record<string, unknown> = {},
  ): EventRecord => {
    const record = {
      id: randomUUID(),
      type,
      timestamp: new Date(start + ms).toISOString(),
      audit_id: auditId,
      phase,
      data,
    } as EventRecord;
    records.push(record);
    return record;
  };
  return { auditId, records, add };
}

/**
 * A finished audit: phase 1 passes on a retry (flaky) and changes files; phase 2 fails after
 * two failed attempts; phase 3 is skipped; the audit is abandoned with reason `error`.
 */
export function failedAudit(auditId?: ReturnType<typeof randomUUID>) {
  const audit = auditRecords(auditId);
  const { add } = audit;
  add(0, "audit_started", null, {
    project: "web",
    slug: "deps-upgrade",
    phases_total: 3,
    git_branch: "main",
    git_commit: "abc123",
  });
  add(10, "phase_started", 1, { description: "Upgrade", file: "01.md" });
  add(400, "file_created", 1, { path: "src/new.ts", size_bytes: 10 });
  add(420, "file_modified", 1, {
    path: "package.json",
    size_bytes: 900,
    lines_added: 3,
    lines_removed: 1,
  });
  add(900, "verification_failed", 1, {
    command: "npm test",
    exit_code: 1,
    duration_ms: 400,
    output: "1 failing",
  });
  add(1500, "verification_passed", 1, { command: "npm test", exit_code: 0, duration_ms: 500 });
  add(1600, "phase_completed", 1, {
    duration_seconds: 1.59,
    files_created: 1,
    files_modified: 1,
    verification_count: 2,
  });
  add(1700, "phase_started", 2, { description: "Lint", file: "02.md" });
  add(2000, "verification_failed", 2, {
    command: "npm run lint",
    exit_code: 2,
    duration_ms: 250,
    output: "x",
  });
  add(2400, "verification_failed", 2, {
    command: "npm run lint",
    exit_code: 2,
    duration_ms: 300,
    output: "y",
  });
  add(2410, "file_deleted", 2, { path: "old.txt" });
  add(2500, "phase_failed", 2, {
    error: "Verification command failed with exit code 2: npm run lint",
    attempts: 2,
    duration_seconds: 0.8,
  });
  add(2510, "phase_skipped", 3, { reason: "dependency_failed" });
  add(2600, "audit_abandoned", null, { reason: "error", phases_completed: 1, phases_remaining: 2 });
  return audit;
}
