import { randomUUID } from "node:crypto";
import type { EventRecord, JsonObject } from "@phaser/events-core";

/**
 * Writes the records of one audit as a clock moves: each `add` is `stepMs`
 * (or the given ms) after the one before, from `start`.
 */
export class AuditWriter {
  readonly auditId: string;
  readonly records: EventRecord[] = [];
  #at: number;

  constructor(start: string | number, auditId: string = randomUUID()) {
    this.auditId = auditId;
    this.#at = typeof start === "number" ? start : Date.parse(start);
  }

  /** Appends a record `afterMs` after the last one; returns it. */
  add(type: string, phase: number | null, data: JsonObject, afterMs = 100): EventRecord {
    this.#at += afterMs;
    const record: EventRecord = {
      id: randomUUID(),
      type,
      timestamp: new Date(this.#at).toISOString(),
      audit_id: this.auditId,
      phase,
      data,
    };
    this.records.push(record);
    return record;
  }

  started(project: string, slug: string, phasesTotal: number): this {
    this.add("audit_started", null, { project, slug, phases_total: phasesTotal }, 0);
    return this;
  }

  phase(phase: number, description: string, file = `.audit/phases/${phase}.md`): this {
    this.add("phase_started", phase, { description, file });
    return this;
  }

  verify(
    phase: number,
    command: string,
    exitCode: number,
    output = "",
    durationMs = 80,
  ): EventRecord {
    return exitCode === 0
      ? this.add(
          "verification_passed",
          phase,
          { command, exit_code: 0, duration_ms: durationMs },
          durationMs + 20,
        )
      : this.add(
          "verification_failed",
          phase,
          { command, exit_code: exitCode, duration_ms: durationMs, output },
          durationMs + 20,
        );
  }

  completedPhase(phase: number, verifications: number): this {
    this.add("phase_completed", phase, {
      duration_seconds: 1,
      files_created: 0,
      files_modified: 0,
      verification_count: verifications,
    });
    return this;
  }

  failedPhase(phase: number, error: string, attempts: number): this {
    this.add("phase_failed", phase, { error, attempts, duration_seconds: 1 });
    return this;
  }

  completed(): this {
    this.add("audit_completed", null, {
      duration_seconds: 1,
      phases_completed: 1,
      phases_skipped: 0,
      files_created: 0,
      files_modified: 0,
      files_deleted: 0,
    });
    return this;
  }

  abandoned(reason: string): this {
    this.add("audit_abandoned", null, { reason, phases_completed: 0, phases_remaining: 1 });
    return this;
  }
}

/**
 * The audit the audit-view tests open: phase 1 passes after a flaky retry and
 * changes files (three, and `padding` more created); phase 2 fails its check
 * three times; phase 3 is skipped.
 */
export function auditWithRetries(
  start: string | number,
  padding = 0,
  auditId?: string,
): AuditWriter {
  const audit = new AuditWriter(start, auditId).started("greeter", "v1.2-https-server", 3);
  audit.phase(1, "Add an HTTP request handler");
  audit.add("file_created", 1, { path: "src/server.js", size_bytes: 94 }, 300);
  audit.add("file_modified", 1, {
    path: "README.md",
    size_bytes: 200,
    lines_added: 7,
    lines_removed: 3,
  });
  audit.add("file_deleted", 1, { path: "src/legacy.js" });
  // More changed files, so the event table scrolls.
  for (let i = 0; i < padding; i += 1) {
    audit.add("file_created", 1, { path: `src/generated/part-${i}.js`, size_bytes: 10 }, 5);
  }
  audit.verify(1, "node checks/warm-cache.js", 1, "cache was cold: filled it", 150);
  audit.verify(1, "node checks/warm-cache.js", 0, "", 120);
  audit.completedPhase(1, 2);
  audit.phase(2, "Serve over HTTPS");
  audit.add("file_created", 2, { path: "src/https.js", size_bytes: 101 }, 200);
  for (let i = 0; i < 3; i += 1) {
    audit.verify(
      2,
      "node checks/certificate.js",
      1,
      `ENOENT: no such file, open 'certs/dev.pem' (try ${i + 1})`,
      140,
    );
  }
  audit.failedPhase(
    2,
    "Verification command failed with exit code 1: node checks/certificate.js",
    3,
  );
  audit.add("phase_skipped", 3, { reason: "dependency_failed" });
  audit.abandoned("error");
  return audit;
}
