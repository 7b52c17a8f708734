import type { EventRecord } from "@phaser/events-core";
import { buildJUnitSuites, countCases, type JUnitCase, type JUnitSuite } from "./junit-report.js";
import { escapeXmlText, xmlAttributes } from "./xml-text.js";

/** The `name` of the root `<testsuites>`. */
export const JUNIT_REPORT_NAME = "phaser-events";

/**
 * JUnit XML in the Jenkins/Ant structure: a `<testsuites>` root with totals,
 * one `<testsuite>` per phase of each audit, one `<testcase>` per
 * verification (a failed one carries `<failure>` with the command's output),
 * a skipped phase as one skipped case, and a phase that failed without a
 * failed verification as one case with `<error>`.
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
  const outcome = testCase.outcome;
  if (outcome === undefined) return [`${open}/>`];
  const attributes = xmlAttributes({ message: outcome.message, type: outcome.type });
  const element =
    outcome.text === undefined || outcome.text === ""
      ? `      <${outcome.kind} ${attributes}/>`
      : `      <${outcome.kind} ${attributes}>${escapeXmlText(outcome.text)}</${outcome.kind}>`;
  return [`${open}>`, element, "    </testcase>"];
}

/** Seconds with millisecond precision, as JUnit's `time` attributes take them: `0.092`. */
function seconds(value: number): string {
  return Math.max(0, value).toFixed(3);
}
