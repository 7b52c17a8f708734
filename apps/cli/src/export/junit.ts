import type { EventRecord } from "@phaser/events-core";
import {
  buildJUnitSuites,
  countCases,
  type JUnitCase,
  type JUnitRerun,
  type JUnitSuite,
} from "./junit-report.js";
import { escapeXmlText, xmlAttributes } from "./xml-text.js";

/** The `name` of the root `<testsuites>`. */
export const JUNIT_REPORT_NAME = "phaser-events";

/**
 * JUnit XML in the Jenkins/Ant structure: a `<testsuites>` root with totals,
 * one `<testsuite>` per phase of each audit, one `<testcase>` per verify
 * command, a skipped phase as one skipped case, and a phase that failed
 * without a failed check as one case with `<error>`. Retries are reported as
 * Maven Surefire reports reruns: a check that failed and then passed is a
 * passing case with a `<flakyFailure>` per failed run (so CI counts it as
 * passed and can still flag it flaky); one that failed every time has a
 * `<failure>` (its first run) and a `<rerunFailure>` per later run.
 */
export function formatJUnit(records: readonly EventRecord[]): string {
  const suites = buildJUnitSuites(records);
  const counts = countCases(suites.flatMap((suite) => suite.cases));
  const time = suites.reduce((sum, suite) => sum + suite.time, 0);
  // No `skipped` on the root: Jenkins' junit-10.xsd (checked by the xunit plugin) allows it only on suites.
  const { skipped: _skipped, ...rootCounts } = counts;
  const root = xmlAttributes({ name: JUNIT_REPORT_NAME, ...rootCounts, time: seconds(time) });
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${root}>`];
  suites.forEach((suite, index) => {
    lines.push(...suiteLines(suite, index));
  });
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

function suiteLines(suite: JUnitSuite, index: number): string[] {
  const attributes = xmlAttributes({
    name: suite.name,
    ...countCases(suite.cases),
    time: seconds(suite.time),
    timestamp: suite.timestamp,
    hostname: "localhost",
    id: index,
    package: suite.package,
  });
  const lines = [`  <testsuite ${attributes}>`, "    <properties>"];
  for (const [name, value] of suite.properties) {
    lines.push(`      <property ${xmlAttributes({ name, value })}/>`);
  }
  lines.push("    </properties>");
  for (const testCase of suite.cases) lines.push(...caseLines(testCase));
  lines.push("    <system-out/>", "    <system-err/>", "  </testsuite>");
  return lines;
}

function caseLines(testCase: JUnitCase): string[] {
  const open = `    <testcase ${xmlAttributes({
    name: testCase.name,
    classname: testCase.classname,
    time: seconds(testCase.time),
  })}`;
  const { outcome, reruns = [] } = testCase;
  if (outcome === undefined && reruns.length === 0) return [`${open}/>`];
  const lines = [`${open}>`];
  if (outcome !== undefined) {
    const attributes = xmlAttributes({ message: outcome.message, type: outcome.type });
    lines.push(
      outcome.text === undefined || outcome.text === ""
        ? `      <${outcome.kind} ${attributes}/>`
        : `      <${outcome.kind} ${attributes}>${escapeXmlText(outcome.text)}</${outcome.kind}>`,
    );
  }
  for (const rerun of reruns) lines.push(...rerunLines(rerun));
  lines.push("    </testcase>");
  return lines;
}

/** A Surefire rerun element: `type` required, the output in its required `<stackTrace>` child. */
function rerunLines(rerun: JUnitRerun): string[] {
  const attributes = xmlAttributes({ message: rerun.message, type: rerun.type });
  return [
    `      <${rerun.kind} ${attributes}>`,
    `        <stackTrace>${escapeXmlText(rerun.stackTrace)}</stackTrace>`,
    `      </${rerun.kind}>`,
  ];
}

/** Seconds with millisecond precision, as JUnit's `time` attributes take them: `0.092`. */
function seconds(value: number): string {
  return Math.max(0, value).toFixed(3);
}
