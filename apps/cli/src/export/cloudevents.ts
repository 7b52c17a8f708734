import type { EventRecord } from "@phaser/events-core";

/** The `source` of every exported CloudEvent. */
export const CLOUDEVENTS_SOURCE = "phaser-events";
/** Prefix of the CloudEvents `type`: `dev.phaser.phase_completed`… */
export const CLOUDEVENTS_TYPE_PREFIX = "dev.phaser.";

/** A CloudEvents 1.0 event in structured mode (JSON format), carrying one wire record. */
export interface CloudEvent {
  readonly specversion: "1.0";
  /** The record's id: unique within the source. */
  readonly id: string;
  readonly source: typeof CLOUDEVENTS_SOURCE;
  /** `dev.phaser.<record type>`. */
  readonly type: string;
  /** The record's timestamp (RFC 3339, UTC). */
  readonly time: string;
  /** The audit the event belongs to. */
  readonly subject: string;
  readonly datacontenttype: "application/json";
  /** The whole wire record. */
  readonly data: EventRecord;
}

/** A wire record as a CloudEvent. */
export function toCloudEvent(record: EventRecord): CloudEvent {
  return {
    specversion: "1.0",
    id: record.id,
    source: CLOUDEVENTS_SOURCE,
    type: `${CLOUDEVENTS_TYPE_PREFIX}${record.type}`,
    time: record.timestamp,
    subject: record.audit_id,
    datacontenttype: "application/json",
    data: record,
  };
}

/** CloudEvents in structured JSON mode, one event per line (NDJSON). */
export function formatCloudEvents(records: readonly EventRecord[]): string {
  return records.map((record) => `${JSON.stringify(toCloudEvent(record))}\n`).join("");
}
