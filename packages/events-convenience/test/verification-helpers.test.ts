import { EventType, isEventValidationError, MAX_OUTPUT_LENGTH } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { emitVerificationFailed, emitVerificationPassed, truncateOutput } from "../src/index.js";
import { AUDIT_ID, onlyRecord, setup } from "./fake-storage.js";

describe("emitVerificationPassed", () => {
  it("stores a verification_passed event with exit_code set to 0", async () => {
    const { emitter, storage } = setup();
    const payload = { command: 'grep -q "Schema" specs/events.md', duration_ms: 12 };
    const event = await emitVerificationPassed(emitter, AUDIT_ID, 3, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.VERIFICATION_PASSED);
    expect(record.phase).toBe(3);
    expect(record.data).toStrictEqual({ ...payload, exit_code: 0 });
  });

  it("sets exit_code to 0 even when a caller past the types passes another", async () => {
    const { emitter, storage } = setup();
    const payload = { command: "true", duration_ms: 1, exit_code: 2 } as unknown as {
      command: string;
      duration_ms: number;
    };
    await emitVerificationPassed(emitter, AUDIT_ID, 1, payload);
    expect(onlyRecord(storage).data.exit_code).toBe(0);
  });
});

describe("emitVerificationFailed", () => {
  const base = { command: "python -m pytest tests/ -v", exit_code: 1, duration_ms: 3500 };

  it("stores a verification_failed event with short output untouched", async () => {
    const { emitter, storage } = setup();
    const payload = { ...base, output: "FAILED tests/test_events.py::test_emit - AssertionError" };
    const event = await emitVerificationFailed(emitter, AUDIT_ID, 3, payload);
    const record = onlyRecord(storage);
    expect(record).toStrictEqual(event.toDict());
    expect(record.type).toBe(EventType.VERIFICATION_FAILED);
    expect(record.phase).toBe(3);
    expect(record.data).toStrictEqual(payload);
  });

  it("cuts a 5,000-character output to 1,000 characters, keeping its start and its end", async () => {
    const { emitter, storage } = setup();
    const output = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(
      "",
    );
    await emitVerificationFailed(emitter, AUDIT_ID, 3, { ...base, output });
    const stored = onlyRecord(storage).data.output;
    expect(MAX_OUTPUT_LENGTH).toBe(1000);
    expect(stored).toBe(truncateOutput(output));
    expect(String(stored).length).toBeLessThanOrEqual(1000);
    expect(String(stored).startsWith(output.slice(0, 190))).toBe(true);
    expect(String(stored).endsWith(output.slice(-700))).toBe(true);
  });

  it("keeps extra fields", async () => {
    const { emitter, storage } = setup();
    const payload = { ...base, output: "x", attempt: 2, stderr_lines: 1 };
    await emitVerificationFailed(emitter, AUDIT_ID, 3, payload);
    expect(onlyRecord(storage).data).toStrictEqual(payload);
  });

  it("rejects an exit_code of 0 with core's EventValidationError", async () => {
    const { emitter, storage } = setup();
    const error = await emitVerificationFailed(emitter, AUDIT_ID, 3, {
      ...base,
      exit_code: 0,
      output: "",
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isEventValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toBe("data.exit_code");
    expect(storage.records).toHaveLength(0);
  });
});
