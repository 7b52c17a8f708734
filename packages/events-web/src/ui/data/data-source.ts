import type { AuditRow, InsightsWithTrend, TrendUnit } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";

/** Every audit's row, newest first, and the store position they reflect. */
export interface AuditsSnapshot {
  readonly position: number;
  /** How many times the server found audits removed from the store (absent: it never will). */
  readonly rowsVersion?: number;
  readonly audits: readonly AuditRow[];
}

/** One audit's row and records (oldest first), and the store position they reflect. */
export interface AuditSnapshot {
  readonly position: number;
  readonly audit: AuditRow;
  readonly events: readonly EventRecord[];
}

/** A record stored after a snapshot, with its position and (from the stream) its audit's updated row. */
export interface LiveRecord {
  readonly seq: number;
  readonly record: EventRecord;
  /** Absent when polling (the client asks for the rows again); null when the server has none. */
  readonly audit?: AuditRow | null;
}

/**
 * How live updates reach the page: `connecting`, `live` (Server-Sent Events),
 * `reconnecting` (the stream dropped; the browser resumes it), `polling` (the
 * stream could not be kept; records are fetched every few seconds) or
 * `static` (embedded data: nothing more will come).
 */
export type LiveStatus = "connecting" | "live" | "reconnecting" | "polling" | "static";

/**
 * The server found audits removed from the store (a clear, retention):
 * `version` counts such changes; `removed` and `updated` say what the change
 * numbered `version` did, when the stream carried it (absent: ask for the
 * rows again if `version` is not the rows' own).
 */
export interface RowsNotice {
  readonly version: number;
  readonly removed?: readonly string[];
  readonly updated?: readonly AuditRow[];
}

export interface LiveHandlers {
  /** New records in store order; may repeat a record already seen (dedupe by `id`). */
  readonly onRecords: (batch: readonly LiveRecord[]) => void;
  /** The rows' version, and what changed in them, as the server tells it. */
  readonly onRows: (notice: RowsNotice) => void;
  readonly onStatus: (status: LiveStatus) => void;
  /**
   * The server cannot bring what the page holds up to date (its position is beyond the server's:
   * another store, or this one after it lost records); following has stopped: load everything again.
   */
  readonly onReset: () => void;
}

/** Where the page's data comes from: the server's API, or data embedded in the page. */
export interface DataSource {
  readonly kind: "http" | "embedded";
  audits(): Promise<AuditsSnapshot>;
  /** An audit by id or unique id prefix; `undefined` when there is none. */
  audit(idOrPrefix: string): Promise<AuditSnapshot | undefined>;
  /**
   * The insights over records at or after `since` (an ISO instant; all when
   * undefined), with their trend by `unit` (undefined: chosen from the period).
   */
  insights(since: string | undefined, unit?: TrendUnit): Promise<InsightsWithTrend>;
  /** Delivers records stored after position `after` until the returned function is called. */
  follow(after: number, handlers: LiveHandlers): () => void;
}
