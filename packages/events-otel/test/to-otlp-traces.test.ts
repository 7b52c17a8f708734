import { describe, expect, it } from "vitest";
import {
  auditSpanId,
  isSpanId,
  isTraceId,
  type OtlpSpan,
  phaseSpanId,
  toOtlpTraces,
  traceIdForAudit,
  verificationSpanId,
} from "../src/index.js";
import { throughProtobuf, withoutDefaults } from "./otlp-proto.js";
import { auditRecords, failedAudit } from "./records.js";

function spansOf(request: ReturnType<typeof toOtlpTraces>): OtlpSpan[] {
  return request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => [...s.spans]));
}

function attr(span: OtlpSpan | undefined, key: string): unknown {
  const value = span?.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue ?? value?.boolValue ?? value?.doubleValue;
}

/** Every span's parent is in the request (or it is the root); children lie within their parents. */
function expectWellFormed(spans: readonly OtlpSpan[]) {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  expect(byId.size, "span ids are unique").toBe(spans.length);
  for (const span of spans) {
    expect(isTraceId(span.traceId), span.name).toBe(true);
    expect(isSpanId(span.spanId), span.name).toBe(true);
    expect(BigInt(span.startTimeUnixNano) <= BigInt(span.endTimeUnixNano), span.name).toBe(true);
    if (span.parentSpanId === undefined) continue;
    const parent = byId.get(span.parentSpanId);
    expect(parent, `${span.name}'s parent`).toBeDefined();
    if (parent === undefined) continue;
    expect(span.traceId).toBe(parent.traceId);
    expect(BigInt(span.startTimeUnixNano) >= BigInt(parent.startTimeUnixNano), span.name).toBe(
      true,
    );
    expect(BigInt(span.endTimeUnixNano) <= BigInt(parent.endTimeUnixNano), span.name).toBe(true);
    for (const event of span.events) {
      expect(BigInt(event.timeUnixNano) >= BigInt(span.startTimeUnixNano)).toBe(true);
      expect(BigInt(event.timeUnixNano) <= BigInt(span.endTimeUnixNano)).toBe(true);
    }
  }
}

describe("toOtlpTraces", () => {
  it("maps an audit to a root span, phase spans, attempt spans and file events", () => {
    const { auditId, records } = failedAudit();
    const request = toOtlpTraces(records);
    expect(request.resourceSpans).toHaveLength(1);
    expect(request.resourceSpans[0]?.resource.attributes).toEqual([
      { key: "service.name", value: { stringValue: "web" } },
    ]);
    expect(request.resourceSpans[0]?.scopeSpans[0]?.scope.name).toBe("@phaser/events-otel");
    const spans = spansOf(request);
    expectWellFormed(spans);
    expect(spans.map((s) => s.name)).toEqual([
      "RUN deps-upgrade",
      "Upgrade",
      "npm test",
      "npm test",
      "Lint",
      "npm run lint",
      "npm run lint",
      "phase 3",
    ]);

    const root = spans[0];
    expect(root?.kind).toBe(2);
    expect(root?.parentSpanId).toBeUndefined();
    expect(root?.traceId).toBe(auditId.replaceAll("-", ""));
    expect(root?.startTimeUnixNano).toBe("1764928800000000000");
    expect(root?.endTimeUnixNano).toBe("1764928802600000000");
    expect(attr(root, "cicd.pipeline.name")).toBe("deps-upgrade");
    expect(attr(root, "cicd.pipeline.run.id")).toBe(auditId);
    expect(attr(root, "cicd.pipeline.result")).toBe("failure");
    expect(attr(root, "error.type")).toBe("phase_failed");
    expect(attr(root, "vcs.ref.head.revision")).toBe("abc123");
    expect(root?.status?.code).toBe(2);

    const [upgrade, lint, skipped] = spans.filter((s) => s.parentSpanId === root?.spanId);
    expect(attr(upgrade, "cicd.pipeline.task.run.result")).toBe("success");
    expect(attr(upgrade, "cicd.pipeline.task.run.id")).toBe(`${auditId}:1`);
    expect(upgrade?.status).toBeUndefined();
    expect(
      upgrade?.events.map((e) => [
        e.name,
        attr({ attributes: e.attributes } as OtlpSpan, "file.path"),
      ]),
    ).toEqual([
      ["file_created", "src/new.ts"],
      ["file_modified", "package.json"],
    ]);
    expect(
      attr(
        { attributes: upgrade?.events[1]?.attributes ?? [] } as unknown as OtlpSpan,
        "phaser.file.lines_added",
      ),
    ).toBe("3");
    expect(attr(lint, "cicd.pipeline.task.run.result")).toBe("failure");
    expect(lint?.status).toEqual({
      code: 2,
      message: "Verification command failed with exit code 2: npm run lint",
    });
    expect(lint?.events.map((e) => e.name)).toEqual(["file_deleted"]);
    expect(attr(skipped, "cicd.pipeline.task.run.result")).toBe("skip");
    expect(skipped?.startTimeUnixNano).toBe(skipped?.endTimeUnixNano);

    const attempts = spans.filter((s) => s.parentSpanId === upgrade?.spanId);
    expect(
      attempts.map((s) => [
        attr(s, "phaser.verification.attempt"),
        attr(s, "process.exit.code"),
        s.status?.code,
      ]),
    ).toEqual([
      ["1", "1", 2],
      ["2", "0", undefined],
    ]);
    expect(attr(attempts[0], "process.command_line")).toBe("npm test");
    expect(attr(attempts[0], "phaser.verification.output")).toBe("1 failing");
    expect(attempts[0]?.startTimeUnixNano).toBe("1764928800500000000");
    expect(attempts[0]?.spanId).toBe(verificationSpanId(auditId, 1, "npm test", 1));
    expect(upgrade?.spanId).toBe(phaseSpanId(auditId, 1));
    expect(root?.spanId).toBe(auditSpanId(auditId));
  });

  it("gives the same ids on every export, and different ones to every span and audit", () => {
    const { auditId, records } = failedAudit();
    const first = spansOf(toOtlpTraces(records));
    const again = spansOf(toOtlpTraces([...records].reverse()));
    expect(again.map((s) => [s.spanId, s.parentSpanId, s.traceId]).sort()).toEqual(
      first.map((s) => [s.spanId, s.parentSpanId, s.traceId]).sort(),
    );
    const other = spansOf(toOtlpTraces(failedAudit().records));
    const ids = new Set([...first, ...other].map((s) => s.spanId));
    expect(ids.size).toBe(first.length + other.length);
    expect(traceIdForAudit(auditId)).toBe(auditId.replaceAll("-", ""));
    expect(isTraceId(traceIdForAudit("not-a-uuid"))).toBe(true);
  });

  it("uses the trace id and parent run recorded, and keeps the trace state on the root", () => {
    const { records, add } = auditRecords();
    add(0, "audit_started", null, {
      project: "p",
      slug: "s",
      phases_total: 0,
      trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
      parent_span_id: "00f067aa0ba902b7",
      trace_state: "vendor=x",
    });
    add(5, "audit_completed", null, {});
    const [root] = spansOf(toOtlpTraces(records));
    expect(root?.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(root?.parentSpanId).toBe("00f067aa0ba902b7");
    expect(root?.traceState).toBe("vendor=x");
    expect(attr(root, "cicd.pipeline.result")).toBe("success");
    expect(attr(root, "error.type")).toBeUndefined();
  });

  it.each([
    ["user_request", "cancellation", undefined],
    ["timeout", "timeout", "timeout"],
    ["power cut", "error", "power cut"],
  ])("an audit abandoned for %s is %s", (reason, result, errorType) => {
    const { records, add } = auditRecords();
    add(0, "audit_started", null, { project: "p", slug: "s", phases_total: 1 });
    add(10, "phase_started", 1, { description: "cut off" });
    add(20, "audit_abandoned", null, { reason });
    const spans = spansOf(toOtlpTraces(records));
    expectWellFormed(spans);
    expect(attr(spans[0], "cicd.pipeline.result")).toBe(result);
    expect(attr(spans[0], "error.type")).toBe(errorType);
    // The phase the end cut off ends with the audit.
    expect(spans[1]?.endTimeUnixNano).toBe(spans[0]?.endTimeUnixNano);
  });

  it("exports only the finished spans of an audit still running", () => {
    const { auditId, records, add } = auditRecords();
    add(0, "audit_started", null, { project: "p", slug: "s", phases_total: 2 });
    add(10, "phase_started", 1, {});
    add(50, "phase_completed", 1, {});
    add(60, "phase_started", 2, {});
    add(90, "verification_passed", 2, { command: "make", exit_code: 0, duration_ms: 20 });
    const spans = spansOf(toOtlpTraces(records));
    expect(spans.map((s) => s.name)).toEqual(["phase 1", "make"]);
    expect(spans[0]?.parentSpanId).toBe(auditSpanId(auditId));
    expect(spans[1]?.parentSpanId).toBe(phaseSpanId(auditId, 2));
  });

  it("keeps a verification within its phase when the clocks disagree", () => {
    const { records, add } = auditRecords();
    add(0, "audit_started", null, { project: "p", slug: "s", phases_total: 1 });
    add(100, "phase_started", 1, {});
    add(150, "verification_passed", 1, { command: "slow", exit_code: 0, duration_ms: 5000 });
    add(160, "phase_completed", 1, {});
    add(170, "audit_completed", null, {});
    expectWellFormed(spansOf(toOtlpTraces(records)));
  });

  it("keeps sub-millisecond times, and groups audits by project", () => {
    const a = failedAudit();
    const b = auditRecords();
    b.add(0, "audit_started", null, { project: "api", slug: "s", phases_total: 0 });
    const finished = b.add(1, "audit_completed", null, {});
    (finished as { timestamp: string }).timestamp = "2025-12-05T10:00:00.001234+00:00";
    const request = toOtlpTraces([...a.records, ...b.records]);
    expect(request.resourceSpans.map((r) => r.resource.attributes[0]?.value.stringValue)).toEqual([
      "web",
      "api",
    ]);
    const api = request.resourceSpans[1]?.scopeSpans[0]?.spans[0];
    expect(api?.endTimeUnixNano).toBe("1764928800001234000");
    expect(
      toOtlpTraces([...a.records, ...b.records], { serviceName: "ci" }).resourceSpans,
    ).toHaveLength(1);
  });

  it("encodes with the protocol's own definitions: every field survives protobuf", () => {
    const request = toOtlpTraces(failedAudit().records);
    expect(throughProtobuf(request)).toEqual(withoutDefaults(request));
  });
});
