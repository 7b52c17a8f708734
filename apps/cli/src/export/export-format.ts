import type { EventRecord } from "@phaser/events-core";
import { formatCloudEvents } from "./cloudevents.js";
import { formatJsonArray } from "./json-array.js";
import { formatJUnit } from "./junit.js";
import { formatNdjson } from "./ndjson.js";

/** The formats `phaser-events export --format` writes. */
export const EXPORT_FORMATS = ["ndjson", "json", "junit", "cloudevents"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FORMATTERS: Readonly<Record<ExportFormat, (records: readonly EventRecord[]) => string>> = {
  ndjson: formatNdjson,
  json: formatJsonArray,
  junit: formatJUnit,
  cloudevents: formatCloudEvents,
};

/** The records (oldest first) as the whole text of an export in `format`. */
export function formatExport(format: ExportFormat, records: readonly EventRecord[]): string {
  return FORMATTERS[format](records);
}
