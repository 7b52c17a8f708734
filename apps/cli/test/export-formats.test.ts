import type { EventRecord } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { formatCloudEvents } from "../src/export/cloudevents.js";
import { EXPORT_FORMATS, formatExport } from "../src/export/export-format.js";
import { formatJUnit } from "../src/export/junit.js";
import { escapeXmlAttribute, stripIllegalXmlChars } from "../src/export/xml-text.js";
import {
  children,
  parseXml,
  validateAgainstJUnitXsd,
  validEachAgainstJUnitXsd,
  type XmlNode,
} from "./fixtures/junit-schema.js";
import { recordMaker } from "./fixtures/records.js";

const AUDIT = "11111111-1111-4111-8111-111111111111";
const NOISY_OUTPUT = 'line 1 <tag> & "quoted"\r\nline 2\u0000\u001b[31mred\u001b[0m ]]> \uD800 end';

/** An audit with a passing phase, a phase that retried, a skipped one and a failed one. */
function sampleAudit(): EventRecord[] {
  const make = recordMaker();
  return [
    make("audit_started", AUDIT, null, { project: "shop", slug: "v2.0-cart", phases_total: 4 }),
    make("phase_started", AUDIT, 1, { description: "Add the cart", file: "01.md" }),
    make("file_created", AUDIT, 1, { path: "src/cart.ts", size_bytes: 10 }),
    make("verification_passed", AUDIT, 1, { command: "npm test", exit_code: 0, duration_ms: 1500 }),
    make("phase_completed", AUDIT, 1, {
      duration_seconds: 2.5,
      files_created: 1,
      files_modified: 0,
      verification_count: 1,
    }),
    make("phase_started", AUDIT, 2, { description: "Totals <&> taxes", file: "02.md" }),
    make("verification_failed", AUDIT, 2, {
      command: "npm run lint",
      exit_code: 2,
      duration_ms: 250,
      output: NOISY_OUTPUT,
    }),
    make("verification_passed", AUDIT, 2, {
      command: "npm run lint",
      exit_code: 0,
      duration_ms: 20,
    }),
    make("phase_completed", AUDIT, 2, {
      duration_seconds: 4,
      files_created: 0,
      files_modified: 1,
      verification_count: 2,
    }),
    make("phase_skipped", AUDIT, 3, { reason: "dependency_failed" }),
    make("phase_started", AUDIT, 4, { description: "Checkout", file: "04.md" }),
    make("phase_failed", AUDIT, 4, { error: "git apply failed", attempts: 1, duration_seconds: 1 }),
    make("audit_abandoned", AUDIT, null, {
      reason: "error",
      phases_completed: 2,
      phases_remaining: 1,
    }),
  ];
}

describe("JUnit XML", () => {
  const xml = formatJUnit(sampleAudit());
  const root = (children(parseXml(xml), "testsuites")[0] ?? {}) as XmlNode;
  const suites = children(root, "testsuite");

  it("is well-formed and valid against the JUnit schema", async () => {
    const result = await validateAgainstJUnitXsd(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // The schema is live: a timestamp with an offset, or a case without a classname, is refused.
    expect(
      (await validateAgainstJUnitXsd(xml.replace(/timestamp="([^"]+)"/, 'timestamp="$1Z"'))).valid,
    ).toBe(false);
    expect((await validateAgainstJUnitXsd(xml.replace(/ classname="[^"]+"/, ""))).valid).toBe(
      false,
    );
  });

  it("has one suite per phase with its totals, timestamp without offset and properties", () => {
    expect(suites.map((s) => s.name)).toEqual([
      "shop › v2.0-cart › phase 1: Add the cart",
      "shop › v2.0-cart › phase 2: Totals <&> taxes",
      "shop › v2.0-cart › phase 3",
      "shop › v2.0-cart › phase 4: Checkout",
    ]);
    const counts = (s: XmlNode) => [s.tests, s.failures, s.errors, s.skipped, s.time];
    expect(suites.map(counts)).toEqual([
      ["1", "0", "0", "0", "2.500"],
      ["1", "0", "0", "0", "4.000"],
      ["1", "0", "0", "1", "0.000"],
      ["1", "0", "1", "0", "1.000"],
    ]);
    expect(suites[0]?.timestamp).toBe("2025-12-05T10:15:31");
    const properties = children(
      children(suites[1] as XmlNode, "properties")[0] as XmlNode,
      "property",
    );
    expect(properties).toContainEqual({ name: "audit_id", value: AUDIT });
    expect(properties).toContainEqual({ name: "outcome", value: "phase_completed" });
  });

  it("has root totals over all suites, and no skipped count there (Jenkins' schema forbids it)", () => {
    expect([root.tests, root.failures, root.errors, root.skipped, root.time]).toEqual([
      "4",
      "0",
      "1",
      undefined,
      "7.500",
    ]);
  });

  it("reports a check that passed on retry as Surefire does: passed, with a <flakyFailure> per failed run", () => {
    const cases = children(suites[1] as XmlNode, "testcase");
    // One case for the check, timed by its passing run; no <failure>, so CI counts it as passed.
    expect(cases.map((c) => [c.name, c.classname, c.time])).toEqual([
      ["npm run lint", "shop.v2_0-cart.phase2", "0.020"],
    ]);
    const testCase = cases[0] as XmlNode;
    expect(children(testCase, "failure")).toEqual([]);
    const flaky = children(testCase, "flakyFailure");
    expect(flaky.map((f) => [f.message, f.type])).toEqual([["exit code 2", "verification_failed"]]);
    // The run's output, minus characters XML cannot carry, in the <stackTrace> child.
    expect(children(flaky[0] as XmlNode, "stackTrace")).toEqual([
      'line 1 <tag> & "quoted"\r\nline 2[31mred[0m ]]>  end',
    ]);
  });

  it("reports a check that failed every attempt as one <failure> (its first run) and a <rerunFailure> per retry", async () => {
    const make = recordMaker();
    const run = (type: string, command: string, ms: number, output?: string) =>
      make(type, AUDIT, 1, {
        command,
        exit_code: type === "verification_failed" ? 1 : 0,
        duration_ms: ms,
        ...(output === undefined ? {} : { output }),
      });
    const records = [
      make("audit_started", AUDIT, null, { project: "shop", slug: "s", phases_total: 1 }),
      make("phase_started", AUDIT, 1, { description: "Retries", file: "" }),
      run("verification_passed", "build", 100),
      run("verification_failed", "test", 200, "first <cause>"),
      run("verification_passed", "build", 110),
      run("verification_failed", "test", 210, "second"),
      run("verification_passed", "build", 120),
      run("verification_failed", "test", 220, ""),
      make("phase_failed", AUDIT, 1, { error: "failed", attempts: 3, duration_seconds: 1 }),
    ];
    const report = formatJUnit(records);
    expect((await validateAgainstJUnitXsd(report)).errors).toEqual([]);
    const top = children(parseXml(report), "testsuites")[0] as XmlNode;
    expect([top.tests, top.failures, top.errors]).toEqual(["2", "1", "0"]);
    const suite = children(top, "testsuite")[0] as XmlNode;
    const [build, test] = children(suite, "testcase") as [XmlNode, XmlNode];
    expect([build.name, build.time, Object.keys(build).sort()]).toEqual([
      "build",
      "0.120",
      ["classname", "name", "time"],
    ]);
    expect([test.name, test.time]).toEqual(["test", "0.200"]);
    expect(children(test, "failure").map((f) => [f.message, f["#text"]])).toEqual([
      ["exit code 1", "first <cause>"],
    ]);
    const reruns = children(test, "rerunFailure");
    // A stackTrace element without attributes parses as its text ("" when empty).
    expect(reruns.map((r) => children(r, "stackTrace"))).toEqual([["second"], [""]]);
    expect(reruns.map((r) => r.type)).toEqual(["verification_failed", "verification_failed"]);
  });

  it("gives a skipped phase one skipped case, and a failed phase without failed check an error", () => {
    const skipped = children(suites[2] as XmlNode, "testcase");
    expect(skipped).toHaveLength(1);
    expect(children(skipped[0] as XmlNode, "skipped")[0]?.message).toBe("dependency_failed");
    const error = children(children(suites[3] as XmlNode, "testcase")[0] as XmlNode, "error")[0];
    expect(error?.type).toBe("phase_failed");
    expect(error?.["#text"]).toBe("git apply failed");
    // Interrupted after a flaky check: the phase failed, so it still gets its error case.
    const make = recordMaker();
    const interrupted = formatJUnit([
      make("verification_failed", AUDIT, 1, {
        command: "a",
        exit_code: 1,
        duration_ms: 1,
        output: "",
      }),
      make("verification_passed", AUDIT, 1, { command: "a", exit_code: 0, duration_ms: 1 }),
      make("phase_failed", AUDIT, 1, {
        error: "Interrupted while running: b",
        attempts: 2,
        duration_seconds: 1,
      }),
    ]);
    expect(interrupted).toContain(
      '<error message="Interrupted while running: b" type="phase_failed">',
    );
  });

  it("the schema knows Surefire's rerun elements only where Surefire puts them", async () => {
    const flaky = '<flakyFailure message="m" type="t"><stackTrace>x</stackTrace></flakyFailure>';
    const rerun = flaky.replace(/flakyFailure/g, "rerunFailure");
    const failure = '<failure message="m" type="t">x</failure>';
    const withCase = (content: string) =>
      xml.replace(
        /<testcase name="npm test"[^>]*\/>/,
        `<testcase name="npm test" classname="c" time="0">${content}</testcase>`,
      );
    expect(withCase(flaky)).not.toBe(xml);
    const accepted = [
      flaky + flaky,
      failure + rerun + rerun,
      '<flakyFailure type="t"><stackTrace/><system-out>o</system-out><system-err/></flakyFailure>',
    ];
    const refused = [
      rerun, // a rerun without the failure it follows
      failure + flaky, // failed in the end, yet flaky
      flaky + failure, // out of Surefire's order
      flaky.replace(' type="t"', ""), // type is required
      flaky.replace("<stackTrace>x</stackTrace>", ""), // so is the stackTrace child
      flaky.replace("<stackTrace>x</stackTrace>", "x"), // and it is not text
      `<skipped/>${flaky}`,
    ];
    const verdicts = await validEachAgainstJUnitXsd([...accepted, ...refused].map(withCase));
    expect(verdicts).toEqual([...accepted.map(() => true), ...refused.map(() => false)]);
  });

  it("names the project as unknown when the audit_started is missing", () => {
    const make = recordMaker();
    const report = formatJUnit([make("phase_skipped", "no-start", 1, { reason: "user_request" })]);
    expect(report).toContain('name="(unknown project) › phase 1"');
    expect(report).toContain('classname="_unknown_project_.no-start.phase1"');
  });
});

describe("XML escaping", () => {
  it("strips C0 controls, lone surrogates and U+FFFE/U+FFFF but keeps tab, LF, CR and astral characters", () => {
    expect(stripIllegalXmlChars("a\u0000b\u0008c\td\ne\rf\uFFFEg\uFFFF\uDC00h\uD83D\uDE00")).toBe(
      "abc\td\ne\rfgh\uD83D\uDE00",
    );
  });

  it("escapes quotes and keeps line breaks in attributes", () => {
    expect(escapeXmlAttribute('a "b" <c> & d\ne\tf')).toBe(
      "a &quot;b&quot; &lt;c&gt; &amp; d&#10;e&#9;f",
    );
  });
});

describe("CloudEvents", () => {
  it("wraps each record as a CloudEvents 1.0 structured event, one per line", () => {
    const records = sampleAudit();
    const lines = formatCloudEvents(records).split("\n");
    expect(lines.at(-1)).toBe("");
    const events = lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(events).toHaveLength(records.length);
    events.forEach((event, index) => {
      const record = records[index] as EventRecord;
      expect(Object.keys(event).sort()).toEqual([
        "data",
        "datacontenttype",
        "id",
        "source",
        "specversion",
        "subject",
        "time",
        "type",
      ]);
      expect(event.specversion).toBe("1.0");
      expect(event.id).toBe(record.id);
      expect(event.source).toBe("phaser-events");
      expect(event.type).toBe(`dev.phaser.${record.type}`);
      expect(event.time).toBe(record.timestamp);
      expect(event.subject).toBe(AUDIT);
      expect(event.datacontenttype).toBe("application/json");
      expect(event.data).toEqual(record);
    });
  });
});

describe("NDJSON and JSON", () => {
  it("keep the wire records exactly", async () => {
    const records = sampleAudit();
    const ndjson = await formatExport("ndjson", records);
    expect(
      ndjson
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(records);
    const json = await formatExport("json", records);
    expect(JSON.parse(json)).toEqual(records);
    expect(json).toBe(`${JSON.stringify(records, null, 2)}\n`);
  });

  it("every format gives valid output for no records", async () => {
    const texts = await Promise.all(EXPORT_FORMATS.map((format) => formatExport(format, [])));
    expect(texts.map((text) => text.length > 0)).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      false,
      false,
    ]);
    expect((await validateAgainstJUnitXsd(formatJUnit([]))).valid).toBe(true);
  });
});
