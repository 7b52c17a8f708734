import { afterEach, describe, expect, it, vi } from "vitest";
import { EventEmitter } from "../src/index.js";
import { randomUuid } from "../src/random-uuid.js";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("randomUuid", () => {
  it("gives version 4 UUIDs, each new", () => {
    const ids = Array.from({ length: 1000 }, randomUuid);
    expect(ids.every((id) => V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });

  it("builds them from getRandomValues where randomUUID is missing (a page on plain http)", () => {
    const real = globalThis.crypto;
    const values = vi.fn((array: Uint8Array) => real.getRandomValues(array));
    vi.stubGlobal("crypto", { getRandomValues: values });
    const ids = Array.from({ length: 1000 }, randomUuid);
    expect(values).toHaveBeenCalledTimes(1000);
    expect(ids.every((id) => V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });

  it("sets the version and variant bits whatever the random bytes", () => {
    vi.stubGlobal("crypto", { getRandomValues: (array: Uint8Array) => array.fill(0xff) });
    expect(randomUuid()).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    vi.stubGlobal("crypto", { getRandomValues: (array: Uint8Array) => array.fill(0) });
    expect(randomUuid()).toBe("00000000-0000-4000-8000-000000000000");
  });

  it("is what emit gives each event", async () => {
    const emitter = new EventEmitter();
    const event = await emitter.emit("audit_started", "audit-1", {
      data: { project: "p", slug: "s", phases_total: 1 },
    });
    expect(event.id).toMatch(V4);
  });
});
