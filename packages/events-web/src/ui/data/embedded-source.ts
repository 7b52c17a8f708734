import type { AuditRow, InsightsWithTrend, TrendUnit } from "@phaser/events-analysis";
import {
  auditRows,
  computeInsightsWithTrend,
  isoInstantMs,
  matchAuditId,
} from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import type { AuditSnapshot, AuditsSnapshot, DataSource, LiveHandlers } from "./data-source.js";

/** What a self-contained report embeds in `<script type="application/json" id="phaser-data">`. */
export interface EmbeddedData {
  readonly audits?: readonly AuditRow[];
  readonly events: readonly EventRecord[];
  /** The view the page opens on while its URL has no fragment: a route query such as `audit=<id>`. */
  readonly open?: string;
}

/** The id of the element holding {@link EmbeddedData}. */
export const EMBEDDED_DATA_ID = "phaser-data";

/** The data embedded in `doc`, if it has any; throws when it is there but not valid JSON of that shape. */
export function readEmbeddedData(doc: Document): EmbeddedData | undefined {
  const element = doc.getElementById(EMBEDDED_DATA_ID);
  if (element === null) return undefined;
  const parsed: unknown = JSON.parse(element.textContent ?? "");
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    !Array.isArray((parsed as EmbeddedData).events)
  ) {
    throw new Error(`#${EMBEDDED_DATA_ID} holds no { events: [...] }`);
  }
  return parsed as EmbeddedData;
}

/** A {@link DataSource} over embedded data: no network at all, and nothing live. */
export class EmbeddedSource implements DataSource {
  readonly kind = "embedded";
  readonly #events: readonly EventRecord[];
  readonly #rows: readonly AuditRow[];

  constructor(data: EmbeddedData) {
    this.#events = data.events;
    this.#rows = data.audits ?? auditRows(data.events);
  }

  async audits(): Promise<AuditsSnapshot> {
    return { position: 0, audits: this.#rows };
  }

  async audit(idOrPrefix: string): Promise<AuditSnapshot | undefined> {
    const match = matchAuditId(this.#rows, idOrPrefix);
    const audit =
      match.kind === "found" ? this.#rows.find((row) => row.auditId === match.auditId) : undefined;
    if (audit === undefined) return undefined;
    const events = this.#events.filter((record) => record.audit_id === audit.auditId);
    return { position: 0, audit, events };
  }

  async insights(since: string | undefined, unit?: TrendUnit): Promise<InsightsWithTrend> {
    // By instant, as a store compares (as text, `+010000-…` would sort before `2025-…`).
    const sinceMs = since === undefined ? undefined : (isoInstantMs(since) ?? Number.NaN);
    const records =
      sinceMs === undefined
        ? this.#events
        : this.#events.filter((r) => (isoInstantMs(r.timestamp) ?? Number.NaN) >= sinceMs);
    const auditStarts = this.#events.filter((r) => r.type === "audit_started");
    return computeInsightsWithTrend(records, { since, unit, auditStarts }); // as the server does
  }

  follow(_after: number, handlers: LiveHandlers): () => void {
    handlers.onStatus("static");
    return () => {};
  }
}
