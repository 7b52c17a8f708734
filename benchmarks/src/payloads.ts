import type { EventType, JsonObject } from "@phaser/events-core";
import type { Prng } from "./prng.js";

const DIRS = [
  "src/components/dashboard/widgets/audit-timeline",
  "src/services/audit/verification/command-runner",
  "packages/events-core/src/internal/validation",
  "packages/events-store-json/src/adapters/lowdb",
  "apps/cli/src/commands/audit/subcommands",
  "tests/integration/storage/json-file-store",
  "docs/architecture/decisions/2025-12-storage",
  ".audit/phases/03-events-spec/artifacts",
];
const NAMES = [
  "event-emitter-subscriptions",
  "json-file-storage-group-commit",
  "retention-policy-max-events",
  "audit-summary-view-model",
  "phase-runner-with-retries",
  "verification-report-formatter",
  "migration-registry-v0-to-v1",
  "CONTEXT-and-decisions-log",
];
const AREAS = ["modules/core", "modules/storage", "modules/reporting", "modules/shared-helpers"];
const EXTS = ["ts", "tsx", "md", "json", "py", "test.ts"];
const COMMANDS = [
  "pnpm --filter @phaser/events-core test -- --run --reporter=dot",
  'grep -q "## Event Schema" specs/events-spec-v1.2.md',
  "python -m pytest tests/test_events.py tests/test_storage.py -v --tb=short",
  "pnpm exec tsc -p packages/events-store-json/tsconfig.json --noEmit",
  "pnpm exec biome check packages/events-store-json packages/events-core",
  "test -f .audit/phases/03-events-spec.md && test -s specs/events-spec-v1.2.md",
];
const FAILURE =
  "FAILED tests/test_events.py::test_emit_persists_before_notify - AssertionError: " +
  "expected 3 events in storage, found 2\nE   assert 2 == 3\nE    +  where 2 = len([...])\n" +
  "tests/test_events.py:118: AssertionError\n----- Captured stderr call -----\n" +
  "[phaser-events] a subscriber failed on file_modified event: TypeError: Cannot read " +
  "properties of undefined (reading 'path')\n    at onEvent (src/services/audit/summary.ts:42:17)\n" +
  "    at EventEmitter.#notify (packages/events-core/src/emitter.ts:151:24)\n" +
  "=========== 1 failed, 57 passed, 2 skipped in 3.52s ===========\n";

function filePath(rng: Prng): string {
  const area = rng.pick(AREAS);
  return `${rng.pick(DIRS)}/${area}/${rng.pick(NAMES)}-${rng.int(1, 40)}.${rng.pick(EXTS)}`;
}

/** A payload of the spec's shape for `type`; `phase` numbers the phase file. */
export function payloadFor(type: EventType, rng: Prng, phase: number, phases: number): JsonObject {
  switch (type) {
    case "audit_started":
      return {
        project: "Phaser",
        slug: `v1.2-infrastructure-${rng.int(1, 999)}`,
        phases_total: phases,
        git_branch: rng.pick(["main", "feature/events-storage", "fix/retention-window"]),
        git_commit: rng.hex(40),
      };
    case "audit_completed":
      return {
        duration_seconds: rng.int(600, 20_000) + rng.int(0, 9) / 10,
        phases_completed: phases,
        phases_skipped: rng.int(0, 1),
        files_created: rng.int(2, 60),
        files_modified: rng.int(2, 120),
        files_deleted: rng.int(0, 5),
      };
    case "audit_abandoned":
      return {
        reason: rng.pick(["user_request", "error", "timeout"]),
        phases_completed: phase,
        phases_remaining: Math.max(0, phases - phase),
      };
    case "phase_started":
      return {
        description: rng.pick(["Event Specification", "Storage Adapters", "CLI Integration"]),
        file: `.audit/phases/${String(phase).padStart(2, "0")}-${rng.pick(NAMES)}.md`,
      };
    case "phase_completed":
      return {
        duration_seconds: rng.int(30, 3_600) + rng.int(0, 9) / 10,
        files_created: rng.int(0, 12),
        files_modified: rng.int(0, 20),
        verification_count: rng.int(1, 12),
      };
    case "phase_failed":
      return {
        error: `Verification command failed: ${rng.pick(COMMANDS)}`,
        attempts: rng.int(1, 3),
        duration_seconds: rng.int(10, 900) + rng.int(0, 9) / 10,
      };
    case "phase_skipped":
      return { reason: rng.pick(["user_request", "dependency_failed"]) };
    case "verification_passed":
      return { command: rng.pick(COMMANDS), exit_code: 0, duration_ms: rng.int(3, 9_000) };
    case "verification_failed":
      return {
        command: rng.pick(COMMANDS),
        exit_code: rng.pick([1, 1, 2, 127]),
        duration_ms: rng.int(3, 9_000),
        output: FAILURE.slice(0, rng.int(300, FAILURE.length)),
      };
    case "file_created":
      return { path: filePath(rng), size_bytes: rng.int(40, 40_000) };
    case "file_modified":
      return {
        path: filePath(rng),
        size_bytes: rng.int(40, 40_000),
        lines_added: rng.int(0, 200),
        lines_removed: rng.int(0, 120),
      };
    case "file_deleted":
      return { path: filePath(rng) };
  }
}
