import type { EventRecord } from "@phaser/events-core";
import { formatCloudEvents } from "./cloudevents.js";
import { formatJsonArray } from "./json-array.js";
import { formatJUnit } from "./junit.js";
import { formatNdjson } from "./ndjson.js";

/** The formats `phaser-events export --format` writes. */
export const EXPORT_FORMATS = ["ndjson", "json", "junit", "cloudevents", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FORMATTERS: Readonly<
  Record<Exclude<ExportFormat, "html">, (records: readonly EventRecord[]) => string>
> = {
  ndjson: formatNdjson,
  json: formatJsonArray,
  junit: formatJUnit,
  cloudevents: formatCloudEvents,
};

/**
 * The records (oldest first) as the whole text of an export in `format`.
 * `html` is the web view as one self-contained page (`renderAuditReport` of
 * `@phaser/events-web`, loaded only then), opening on `auditId` when given.
 */
export async function formatExport(
  format: ExportFormat,
  records: readonly EventRecord[],
  auditId?: string,
): Promise<string> {
  if (format !== "html") return FORMATTERS[format](records);
  const { renderAuditReport } = await import("@phaser/events-web");
  return renderAuditReport({ records, auditId });
}
