import type { EventRecord } from "@phaser/events-core";
import { formatCloudEvents } from "./cloudevents.js";
import { formatJsonArray } from "./json-array.js";
import { formatJUnit } from "./junit.js";
import { formatNdjson } from "./ndjson.js";

/** The formats `phaser-events export --format` writes. */
export const EXPORT_FORMATS = [
  "ndjson",
  "json",
  "junit",
  "cloudevents",
  "html",
  "otlp",
  "markdown",
  "github",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Each format's writer: the records (oldest first), and the audit asked for, if any. */
type Formatter = (records: readonly EventRecord[], auditId?: string) => string | Promise<string>;

const FORMATTERS: Readonly<Record<ExportFormat, Formatter>> = {
  ndjson: formatNdjson,
  json: formatJsonArray,
  junit: formatJUnit,
  cloudevents: formatCloudEvents,
  // The web view as one self-contained page, opening on the audit; the web package loads only then.
  html: async (records, auditId) =>
    (await import("@phaser/events-web")).renderAuditReport({ records, auditId }),
  // OpenTelemetry traces as one OTLP/JSON ExportTraceServiceRequest (a collector's /v1/traces body).
  otlp: async (records) =>
    `${JSON.stringify((await import("@phaser/events-otel")).toOtlpTraces(records))}\n`,
  // A CI job summary (GitHub's $GITHUB_STEP_SUMMARY, GitLab and Buildkite annotations).
  markdown: async (records, auditId) =>
    (await import("./summary/markdown-summary.js")).formatMarkdownSummary(records, auditId),
  // GitHub Actions workflow commands: ::error per failing check, ::warning per flaky one.
  github: async (records, auditId) =>
    (await import("./summary/github-annotations.js")).formatGithubAnnotations(records, auditId),
};

/** The records (oldest first) as the whole text of an export in `format`. */
export async function formatExport(
  format: ExportFormat,
  records: readonly EventRecord[],
  auditId?: string,
): Promise<string> {
  return FORMATTERS[format](records, auditId);
}
