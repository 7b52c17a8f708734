import type { EventRecord } from "@phaser/events-core";
import type { PhaseTimeline } from "./audit-timeline.js";
import { numberField, stringField } from "./record-data.js";
import { nonNegative } from "./record-time.js";

type Files = PhaseTimeline["files"];

/** A phase's `file_*` records (in time order) as lists of created, modified and deleted files. */
export function phaseFiles(records: readonly EventRecord[]): Files {
  const created: Files["created"][number][] = [];
  const modified: Files["modified"][number][] = [];
  const deleted: Files["deleted"][number][] = [];
  for (const record of records) {
    const path = stringField(record, "path");
    if (path === undefined) continue;
    const count = (key: string) => {
      const value = numberField(record, key);
      return value !== undefined && Number.isInteger(value) ? nonNegative(value) : null;
    };
    if (record.type === "file_created") created.push({ path, sizeBytes: count("size_bytes") });
    else if (record.type === "file_deleted") deleted.push({ path });
    else if (record.type === "file_modified") {
      modified.push({
        path,
        sizeBytes: count("size_bytes"),
        linesAdded: count("lines_added"),
        linesRemoved: count("lines_removed"),
      });
    }
  }
  return { created, modified, deleted };
}
