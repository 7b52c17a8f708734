import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { OtlpSpan } from "@phaser/events-otel";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { throughProtobuf, withoutDefaults } from "../../../packages/events-otel/test/otlp-proto.js";
import { startReceiver } from "../../../packages/events-otel/test/receiver.js";
import { node, projectRepo, writePlan } from "./project-repo.js";
import { readStore, runCli, runCliProcess, type StoredRecord, tempDir } from "./run-cli.js";

/** No trace from outside unless a test gives one. */
const NO_TRACE = { TRACEPARENT: "", TRACESTATE: "" };

type Request = { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
const spansOf = (request: Request) =>
  request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
const attr = (span: OtlpSpan | undefined, key: string) => {
  const value = span?.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue;
};

let storageDir: string;
let records: StoredRecord[];
let auditId: string;
/** What each verification command saw in $TRACEPARENT, one line per run: "<command tag> <traceparent>". */
let seen: string[];

/**
 * A real `phaser-events run`: phase 1 changes files, and its check fails once then passes
 * (a retry); phase 2's check fails every time (retries exhausted); phase 3 is skipped. Every
 * command appends the TRACEPARENT it was given to a file.
 */
beforeAll(async () => {
  storageDir = await tempDir();
  const cwd = await projectRepo({ "README.md": "# p\n" });
  const log = join(await tempDir(), "traceparents.txt");
  const record = (tag: string) =>
    `require("fs").appendFileSync(${JSON.stringify(log)}, "${tag} " + process.env.TRACEPARENT + "\\n");`;
  const plan = await writePlan({
    project: "otel-demo",
    slug: "trace-me",
    phases: [
      {
        title: "Write",
        run: node(`${record("run1")} require("fs").writeFileSync("new.txt", "a\\nb\\n");`),
        verify: [
          node(
            `${record("flaky")} const fs = require("fs"); if (!fs.existsSync("once")) { fs.writeFileSync("once", ""); process.exit(1); }`,
          ),
        ],
        retries: 1,
      },
      {
        title: "Lint",
        verify: [node(`${record("lint")} console.log("1 problem"); process.exit(3);`)],
        retries: 1,
      },
      { title: "Never", verify: [node("process.exit(0)")] },
    ],
  });
  const result = await runCli(["run", plan, "--cwd", cwd], storageDir, NO_TRACE);
  expect(result.code, result.stderr).toBe(1);
  records = (await readStore(storageDir)).events;
  auditId = records[0]?.audit_id as string;
  seen = (await readFile(log, "utf8")).trim().split("\n");
});

async function exportOtlp(): Promise<Request> {
  const result = await runCli(["export", "--format", "otlp", "--audit", "latest"], storageDir);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Request;
}

describe("export --format otlp of a real run", () => {
  it("is one trace: every parent present, children within parents, valid and stable ids", async () => {
    const request = await exportOtlp();
    const spans = spansOf(request);
    expect(spans.map((s) => s.name)).toEqual([
      "RUN trace-me",
      "Write",
      expect.stringContaining("node -e"),
      expect.stringContaining("node -e"),
      "Lint",
      expect.stringContaining("node -e"),
      expect.stringContaining("node -e"),
      "phase 3", // skipped after the failure, never started: no title recorded
    ]);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    expect(byId.size).toBe(spans.length);
    const traceId = auditId.replaceAll("-", "");
    for (const span of spans) {
      expect(span.traceId).toBe(traceId);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.startTimeUnixNano).toMatch(/^\d{19}$/);
      if (span.parentSpanId === undefined) continue;
      const parent = byId.get(span.parentSpanId);
      expect(parent, span.name).toBeDefined();
      expect(BigInt(span.startTimeUnixNano)).toBeGreaterThanOrEqual(
        BigInt(parent?.startTimeUnixNano ?? 0),
      );
      expect(BigInt(span.endTimeUnixNano)).toBeLessThanOrEqual(
        BigInt(parent?.endTimeUnixNano ?? 0),
      );
    }
    expect(records[0]?.data.trace_id).toBe(traceId);
    // Exported again: the same ids.
    const again = spansOf(await exportOtlp());
    expect(again.map((s) => [s.spanId, s.parentSpanId])).toEqual(
      spans.map((s) => [s.spanId, s.parentSpanId]),
    );
  });

  it("carries the CI/CD, process and file attributes, and decodes with the protocol's definitions", async () => {
    const request = await exportOtlp();
    const [root, write, flaky1, flaky2, lint, lint1, lint2, never] = spansOf(request);
    expect(root?.kind).toBe(2);
    expect(attr(root, "cicd.pipeline.name")).toBe("trace-me");
    expect(attr(root, "cicd.pipeline.run.id")).toBe(auditId);
    expect(attr(root, "cicd.pipeline.result")).toBe("failure");
    expect(attr(root, "error.type")).toBe("phase_failed");
    expect(attr(write, "cicd.pipeline.task.name")).toBe("Write");
    expect(attr(write, "cicd.pipeline.task.run.id")).toBe(`${auditId}:1`);
    expect(attr(write, "cicd.pipeline.task.run.result")).toBe("success");
    expect(
      write?.events.map((e) => [
        e.name,
        e.attributes.find((a) => a.key === "file.path")?.value.stringValue,
      ]),
    ).toEqual([
      ["file_created", "new.txt"],
      ["file_created", "once"],
    ]);
    expect(
      [flaky1, flaky2].map((s) => [
        attr(s, "phaser.verification.attempt"),
        attr(s, "process.exit.code"),
        s?.status?.code,
      ]),
    ).toEqual([
      ["1", "1", 2],
      ["2", "0", undefined],
    ]);
    expect(attr(flaky1, "process.command_line")).toContain("node -e");
    expect(attr(lint, "cicd.pipeline.task.run.result")).toBe("failure");
    expect(lint?.status?.code).toBe(2);
    expect([lint1, lint2].map((s) => attr(s, "process.exit.code"))).toEqual(["3", "3"]);
    expect(attr(lint2, "phaser.verification.output")).toContain("1 problem");
    expect(attr(never, "cicd.pipeline.task.run.result")).toBe("skip");
    expect(throughProtobuf(request as never)).toEqual(withoutDefaults(request));
  });

  it("gave each command the span id it is exported with, in the audit's trace", async () => {
    const spans = spansOf(await exportOtlp());
    const traceId = auditId.replaceAll("-", "");
    const [, write, flaky1, flaky2, , lint1, lint2] = spans;
    const expected = [write, flaky1, flaky2, lint1, lint2].map(
      (s) => `00-${traceId}-${s?.spanId}-01`,
    );
    expect(seen.map((line) => line.split(" ")[1])).toEqual(expected);
    expect(seen.map((line) => line.split(" ")[0])).toEqual([
      "run1",
      "flaky",
      "flaky",
      "lint",
      "lint",
    ]);
  });
});

describe("run started in a trace (TRACEPARENT)", () => {
  it("makes the audit's root span a child of the caller's span, in its trace, and passes TRACESTATE on", async () => {
    const dir = await tempDir();
    const log = join(await tempDir(), "env.txt");
    const plan = await writePlan({
      project: "p",
      slug: "child",
      phases: [
        {
          title: "Check",
          verify: [
            node(
              `require("fs").writeFileSync(${JSON.stringify(log)}, process.env.TRACEPARENT + " " + process.env.TRACESTATE);`,
            ),
          ],
        },
      ],
    });
    const parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const run = await runCli(
      ["run", plan, "--cwd", await projectRepo({ "README.md": "# p\n" })],
      dir,
      {
        TRACEPARENT: parent,
        TRACESTATE: "ci=job-7",
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const exported = await runCli(["export", "--format", "otlp"], dir);
    const [root, phase, check] = spansOf(JSON.parse(exported.stdout) as Request);
    expect(root?.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(root?.parentSpanId).toBe("00f067aa0ba902b7");
    expect(root?.traceState).toBe("ci=job-7");
    expect(phase?.traceId).toBe(root?.traceId);
    expect(await readFile(log, "utf8")).toBe(
      `00-4bf92f3577b34da6a3ce929d0e0e4736-${check?.spanId}-01 ci=job-7`,
    );
    const started = (await readStore(dir)).events[0];
    expect(started?.data).toMatchObject({
      trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
      parent_span_id: "00f067aa0ba902b7",
      trace_state: "ci=job-7",
    });
  });

  it("ignores an invalid TRACEPARENT, and its TRACESTATE with it", async () => {
    const dir = await tempDir();
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [{ title: "x", verify: [node("0")] }],
    });
    const run = await runCli(
      ["run", plan, "--cwd", await projectRepo({ "README.md": "# p\n" })],
      dir,
      {
        TRACEPARENT: "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        TRACESTATE: "ci=job-7",
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const started = (await readStore(dir)).events[0];
    expect(started?.data.trace_id).toBe(started?.audit_id.replaceAll("-", ""));
    expect(started?.data).not.toHaveProperty("parent_span_id");
    expect(started?.data).not.toHaveProperty("trace_state");
  });
});

// Processes: the receiver keeps a connection open after answering, which a check of what a
// command leaves running in this process would take for the command's.
describe("export --otlp-endpoint", () => {
  const receivers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const receiver of receivers.splice(0)) await receiver.close();
  });

  it("POSTs one request to /v1/traces with the headers given, after retrying a 503", async () => {
    const collector = await startReceiver([
      { status: 503, headers: { "retry-after": "0" } },
      { status: 200 },
    ]);
    receivers.push(collector);
    const result = await runCliProcess(
      [
        "export",
        "--audit",
        "latest",
        "--otlp-endpoint",
        collector.url,
        "--otlp-header",
        "Authorization=Bearer s3cret",
        "--otlp-header",
        "x-scope=ci",
      ],
      storageDir,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/answered 503 Service Unavailable: trying again in 0\.0 s/);
    expect(result.stderr).toMatch(new RegExp(`sent 8 spans to ${collector.url}/v1/traces`));
    expect(collector.requests.map((r) => r.path)).toEqual(["/v1/traces", "/v1/traces"]);
    const last = collector.requests[1];
    expect(last?.headers.authorization).toBe("Bearer s3cret");
    expect(last?.headers["x-scope"]).toBe("ci");
    expect(spansOf(JSON.parse(last?.body ?? "{}") as Request)).toHaveLength(8);
  });

  it("exits 1 naming the collector's reason when it refuses the traces (400)", async () => {
    const collector = await startReceiver([{ status: 400, body: '{"message":"bad span"}' }]);
    receivers.push(collector);
    const result = await runCliProcess(["export", "--otlp-endpoint", collector.url], storageDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `phaser-events: the collector at ${collector.url}/v1/traces refused the traces: 400 Bad Request: {"message":"bad span"}\n`,
    );
    expect(collector.requests).toHaveLength(1);
  });

  it.each([
    [["--otlp-endpoint", "localhost:4318"], /not a URL|http: or https:/],
    [["--otlp-endpoint", "http://u:pw@localhost:4318"], /credentials/],
    [
      ["--otlp-endpoint", "http://localhost:1", "--format", "junit"],
      /does not go with --format junit/,
    ],
    [
      ["--otlp-endpoint", "http://localhost:1", "--otlp-header", "no-equals"],
      /--otlp-header wants name=value/,
    ],
    [["--otlp-header", "a=b"], /needs --otlp-endpoint/],
  ])("%j is a usage error (exit 2), nothing sent", async (args, says) => {
    const result = await runCliProcess(["export", ...args], storageDir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).not.toContain("pw@");
  });
});
