import type { AuditRow } from "@phaser/events-analysis";
import type { DataSource, LiveRecord, LiveStatus } from "../data/data-source.js";
import { AuditEvents } from "./audit-events.js";

/** How long the rows wait before being asked for again when records came without them (polling). */
const ROWS_REFRESH_MS = 300;

/**
 * The page's data: every audit's row, the records of the audits opened, the
 * live status. Views read it and re-render when {@link subscribe}d listeners
 * are told; nothing here knows about views.
 */
export class AppStore {
  readonly #source: DataSource;
  readonly #rows = new Map<string, AuditRow>();
  readonly #events = new Map<string, AuditEvents>();
  readonly #listeners = new Set<() => void>();
  #stop: (() => void) | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Changes each time anything changes: a cheap "did it change" for views. */
  version = 0;
  rowsLoaded = false;
  status: LiveStatus = "connecting";
  error: string | undefined;

  constructor(source: DataSource) {
    this.#source = source;
  }

  get source(): DataSource {
    return this.#source;
  }

  /** Loads the rows, then follows the store from their position. */
  async start(): Promise<void> {
    try {
      const snapshot = await this.#source.audits();
      this.#setRows(snapshot.audits);
      this.rowsLoaded = true;
      this.#changed();
      this.#stop = this.#source.follow(snapshot.position, {
        onRecords: (batch) => this.#onRecords(batch),
        onStatus: (status) => {
          this.status = status;
          this.#changed();
        },
      });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.#changed();
    }
  }

  stop(): void {
    this.#stop?.();
    if (this.#refreshTimer !== undefined) clearTimeout(this.#refreshTimer);
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every audit's row, newest first. */
  rows(): AuditRow[] {
    return [...this.#rows.values()].sort((a, b) =>
      a.startedAt === b.startedAt ? 0 : a.startedAt < b.startedAt ? 1 : -1,
    );
  }

  row(auditId: string): AuditRow | undefined {
    return this.#rows.get(auditId) ?? this.#uniqueByPrefix(auditId);
  }

  /** The records of an audit once {@link loadAudit} has merged its snapshot. */
  events(auditId: string): AuditEvents | undefined {
    const events = this.#events.get(this.row(auditId)?.auditId ?? auditId);
    return events?.loaded === true ? events : undefined;
  }

  /** Loads an audit's records (id or unique prefix); `false` when there is no such audit. */
  async loadAudit(idOrPrefix: string): Promise<boolean> {
    const snapshot = await this.#source.audit(idOrPrefix);
    if (snapshot === undefined) return false;
    const id = snapshot.audit.auditId;
    this.#rows.set(id, snapshot.audit);
    this.#eventsOf(id).merge(snapshot.events);
    this.#changed();
    return true;
  }

  #onRecords(batch: readonly LiveRecord[]): void {
    let rowsMissing = false;
    for (const { record, audit } of batch) {
      this.#eventsOf(record.audit_id).add([record]);
      if (audit !== undefined && audit !== null) this.#rows.set(audit.auditId, audit);
      else rowsMissing = true;
    }
    if (rowsMissing) this.#refreshRowsSoon();
    this.#changed();
  }

  #refreshRowsSoon(): void {
    this.#refreshTimer ??= setTimeout(async () => {
      this.#refreshTimer = undefined;
      try {
        this.#setRows((await this.#source.audits()).audits);
        this.#changed();
      } catch {
        // The next batch asks again.
      }
    }, ROWS_REFRESH_MS);
  }

  #setRows(rows: readonly AuditRow[]): void {
    for (const row of rows) this.#rows.set(row.auditId, row);
  }

  #eventsOf(auditId: string): AuditEvents {
    let events = this.#events.get(auditId);
    if (events === undefined) {
      events = new AuditEvents();
      this.#events.set(auditId, events);
    }
    return events;
  }

  #uniqueByPrefix(prefix: string): AuditRow | undefined {
    let found: AuditRow | undefined;
    for (const row of this.#rows.values()) {
      if (!row.auditId.startsWith(prefix)) continue;
      if (found !== undefined) return undefined;
      found = row;
    }
    return found;
  }

  #changed(): void {
    this.version += 1;
    for (const listener of this.#listeners) listener();
  }
}
