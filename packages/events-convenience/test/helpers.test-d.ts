import type { Event, EventEmitter, EventPayload } from "@phaser/events-core";
import { describe, expectTypeOf, it } from "vitest";
import {
  emitAuditAbandoned,
  emitAuditCompleted,
  emitAuditStarted,
  emitFileCreated,
  emitFileDeleted,
  emitFileModified,
  emitPhaseCompleted,
  emitPhaseFailed,
  emitPhaseSkipped,
  emitPhaseStarted,
  emitVerificationFailed,
  emitVerificationPassed,
  truncateOutput,
} from "../src/index.js";

declare const emitter: EventEmitter;
const id = "audit-1";

describe("return types", () => {
  it("each helper resolves with an Event of its own type", () => {
    expectTypeOf(emitAuditStarted).returns.toEqualTypeOf<Promise<Event<"audit_started">>>();
    expectTypeOf(emitAuditCompleted).returns.toEqualTypeOf<Promise<Event<"audit_completed">>>();
    expectTypeOf(emitAuditAbandoned).returns.toEqualTypeOf<Promise<Event<"audit_abandoned">>>();
    expectTypeOf(emitPhaseStarted).returns.toEqualTypeOf<Promise<Event<"phase_started">>>();
    expectTypeOf(emitPhaseCompleted).returns.toEqualTypeOf<Promise<Event<"phase_completed">>>();
    expectTypeOf(emitPhaseFailed).returns.toEqualTypeOf<Promise<Event<"phase_failed">>>();
    expectTypeOf(emitPhaseSkipped).returns.toEqualTypeOf<Promise<Event<"phase_skipped">>>();
    expectTypeOf(emitVerificationPassed).returns.toEqualTypeOf<
      Promise<Event<"verification_passed">>
    >();
    expectTypeOf(emitVerificationFailed).returns.toEqualTypeOf<
      Promise<Event<"verification_failed">>
    >();
    expectTypeOf(emitFileCreated).returns.toEqualTypeOf<Promise<Event<"file_created">>>();
    expectTypeOf(emitFileModified).returns.toEqualTypeOf<Promise<Event<"file_modified">>>();
    expectTypeOf(emitFileDeleted).returns.toEqualTypeOf<Promise<Event<"file_deleted">>>();
    expectTypeOf(truncateOutput).returns.toEqualTypeOf<string>();
  });

  it("the event's data is typed by its payload", async () => {
    const event = await emitPhaseCompleted(emitter, id, 1, {
      duration_seconds: 1,
      files_created: 0,
      files_modified: 0,
      verification_count: 0,
    });
    expectTypeOf(event.data.verification_count).toEqualTypeOf<number | undefined>();
  });
});

describe("parameters", () => {
  it("audit helpers take no phase; phase helpers take a number", () => {
    expectTypeOf(emitAuditStarted).parameters.toEqualTypeOf<
      [EventEmitter, string, Parameters<typeof emitAuditStarted>[2]]
    >();
    expectTypeOf(emitPhaseStarted).parameter(2).toEqualTypeOf<number>();
    expectTypeOf(emitFileDeleted).parameter(2).toEqualTypeOf<number>();
  });

  it("optional spec fields are optional, extra fields are allowed", () => {
    emitAuditStarted(emitter, id, { project: "P", slug: "s", phases_total: 1 });
    emitAuditStarted(emitter, id, { project: "P", slug: "s", phases_total: 1, git_branch: "main" });
    emitAuditStarted(emitter, id, { project: "P", slug: "s", phases_total: 1, ci: { job: 7 } });
    emitPhaseFailed(emitter, id, 1, { error: "e", duration_seconds: 1 });
    emitPhaseSkipped(emitter, id, 1);
    emitPhaseSkipped(emitter, id, 1, { reason: "dependency_failed" });
    emitVerificationPassed(emitter, id, 1, { command: "c", duration_ms: 1 });
    emitVerificationPassed(emitter, id, 1, { command: "c", duration_ms: 1, exit_code: 0 });
  });

  it("values typed with core's payload interfaces are accepted", () => {
    const started: EventPayload<"audit_started"> = { project: "P", slug: "s", phases_total: 1 };
    const completed: EventPayload<"phase_completed"> = {
      duration_seconds: 1,
      files_created: 0,
      files_modified: 0,
      verification_count: 0,
    };
    const passed: EventPayload<"verification_passed"> = {
      command: "c",
      exit_code: 0,
      duration_ms: 1,
    };
    emitAuditStarted(emitter, id, started);
    emitPhaseCompleted(emitter, id, 1, completed);
    emitVerificationPassed(emitter, id, 1, passed);
  });

  it("a missing required field is a type error", () => {
    // @ts-expect-error phases_total is required
    emitAuditStarted(emitter, id, { project: "P", slug: "s" });
    // @ts-expect-error reason is required for audit_abandoned
    emitAuditAbandoned(emitter, id, { phases_completed: 1, phases_remaining: 2 });
    // @ts-expect-error file is required
    emitPhaseStarted(emitter, id, 1, { description: "d" });
    // @ts-expect-error error is required
    emitPhaseFailed(emitter, id, 1, { duration_seconds: 1 });
    // @ts-expect-error output is required
    emitVerificationFailed(emitter, id, 1, { command: "c", exit_code: 1, duration_ms: 1 });
    // @ts-expect-error lines_removed is required
    emitFileModified(emitter, id, 1, { path: "p", size_bytes: 1, lines_added: 1 });
    // @ts-expect-error path is required
    emitFileDeleted(emitter, id, 1, {});
    // @ts-expect-error the payload is required (only emitPhaseSkipped may leave it out)
    emitFileCreated(emitter, id, 1);
  });

  it("a wrong field type is a type error", () => {
    // @ts-expect-error phases_total is a number
    emitAuditStarted(emitter, id, { project: "P", slug: "s", phases_total: "six" });
    // @ts-expect-error git_branch is a string
    emitAuditStarted(emitter, id, { project: "P", slug: "s", phases_total: 6, git_branch: 1 });
    emitAuditCompleted(emitter, id, {
      duration_seconds: 1,
      phases_completed: 1,
      phases_skipped: 0,
      files_created: 0,
      files_modified: 0,
      // @ts-expect-error files_deleted is a number
      files_deleted: "0",
    });
    // @ts-expect-error reason is one of user_request, error, timeout
    emitAuditAbandoned(emitter, id, { reason: "bored", phases_completed: 1, phases_remaining: 2 });
    // @ts-expect-error reason is user_request or dependency_failed
    emitPhaseSkipped(emitter, id, 1, { reason: "bored" });
    // @ts-expect-error the phase is a number
    emitFileCreated(emitter, id, "3", { path: "p", size_bytes: 1 });
  });

  it("emitVerificationPassed does not accept a non-zero exit_code", () => {
    // @ts-expect-error exit_code is always 0
    emitVerificationPassed(emitter, id, 1, { command: "c", duration_ms: 1, exit_code: 1 });
  });
});
