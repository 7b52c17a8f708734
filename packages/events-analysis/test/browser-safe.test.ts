import { existsSync, readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { auditRecords, failedRun, started } from "./fixtures/audit-records.js";

const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);

/** The built files: `pnpm build` (turbo builds before it tests) makes them. */
function built(file: string): string {
  if (!existsSync(dist(file))) throw new Error(`dist/${file} is missing: run pnpm build first`);
  return readFileSync(dist(file), "utf8");
}

describe("the built package, as a browser gets it", () => {
  it("imports nothing at run time: core is only a source of types", () => {
    const source = built("index.js");
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\bimport\(|\brequire\(/);
  });

  it("runs with only the language's globals: no process, Buffer, require or console", () => {
    // A fresh context has the ECMAScript built-ins and nothing of Node or a browser.
    const exports: Record<string, unknown> = {};
    const load = runInNewContext(`(function (module, exports) {\n${built("index.cjs")}\n})`, {});
    load({ exports }, exports);
    const at = auditRecords("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    const records = [
      at(0, "audit_started", null, started()),
      at(1, "verification_failed", 1, failedRun("npm test", 250)),
      at(2, "phase_failed", 1, { error: "npm test failed" }),
      at(3, "audit_abandoned", null, { reason: "error" }),
    ];
    const build = exports.buildAuditTimeline as (r: unknown, id: string) => unknown;
    // Through JSON: the result's objects belong to the other context.
    const timeline = JSON.parse(JSON.stringify(build(records, records[0]?.audit_id ?? "")));
    expect(timeline.row).toMatchObject({ outcome: "failed", failingChecks: 1, durationMs: 3000 });
    expect(timeline.phases[0].attempts[0].startedAt).toBe("2025-12-05T10:00:00.750Z");
    expect(Object.keys(exports)).toContain("AuditRowsBuilder");
  });
});
