import { checkRecord } from "@phaser/events-core/store-kit";
import { describe, expect, it } from "vitest";
import { at, BASE_TIME, makeRecord, uuid } from "../src/index.js";

describe("fixtures", () => {
  it("makes valid records whose phase follows the type", () => {
    const phaseLevel = makeRecord({ type: "file_created" });
    const auditLevel = makeRecord({ type: "audit_started" });
    expect(checkRecord(phaseLevel, "event")).toEqual(phaseLevel);
    expect(checkRecord(auditLevel, "event")).toEqual(auditLevel);
    expect(phaseLevel.phase).toBe(1);
    expect(auditLevel.phase).toBeNull();
  });

  it("gives every record a later timestamp unless one is given", () => {
    const a = makeRecord();
    const b = makeRecord();
    expect(b.timestamp > a.timestamp).toBe(true);
    expect(makeRecord({ timestamp: at(5) }).timestamp).toBe("2025-12-05T10:00:00.005Z");
  });

  it("counts offsets from BASE_TIME and makes lowercase UUID v4s", () => {
    expect(at(0)).toBe(new Date(BASE_TIME).toISOString());
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid()).not.toBe(uuid());
  });
});
