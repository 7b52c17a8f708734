import { type AuditRow, matchAuditId } from "@phaser/events-analysis";
import type {
  AuditsSnapshot,
  DataSource,
  LiveRecord,
  LiveStatus,
  RowsNotice,
} from "../data/data-source.js";
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
  /** The position of the latest live record per audit: a snapshot older than it does not replace its row. */
  readonly #liveSeq = new Map<string, number>();
  #rowsVersion = 0;
  /** What the server took each `latest` or prefix asked for to name. */
  readonly #named = new Map<string, string>();
  #stop: (() => void) | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The audit loads under way, by what they were asked with: asking again joins the one running. */
  readonly #loading = new Map<string, Promise<boolean>>();
  /** Changes each time anything changes: a cheap "did it change" for views. */
  version = 0;
  rowsLoaded = false;
  /** Audits removed from the store while the page was open. */
  readonly removed = new Set<string>();
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
      this.#setRows(snapshot);
      this.rowsLoaded = true;
      this.#changed();
      this.#stop = this.#source.follow(snapshot.position, {
        onRecords: (batch) => this.#onRecords(batch),
        onRows: (notice) => this.#onRows(notice),
        onStatus: (status) => {
          this.status = status;
          this.#changed();
        },
        // Another store (or this one after it lost records) behind the same URL: what the page
        // holds is of something else. Everything the page shows is in its URL: load it again.
        onReset: () => globalThis.location?.reload(),
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

  /** The row of the audit `auditId` names: an id, `latest` or a unique prefix as the server took it, else as {@link matchAuditId} does here. */
  row(auditId: string): AuditRow | undefined {
    const exact = this.#rows.get(auditId) ?? this.#rows.get(this.#named.get(auditId) ?? "");
    if (exact !== undefined) return exact;
    const match = matchAuditId(this.rows(), auditId);
    return match.kind === "found" ? this.#rows.get(match.auditId) : undefined;
  }

  /** The records of an audit once {@link loadAudit} has merged its snapshot. */
  events(auditId: string): AuditEvents | undefined {
    const events = this.#events.get(this.row(auditId)?.auditId ?? auditId);
    return events?.loaded === true ? events : undefined;
  }

  /**
   * Loads an audit's records (id or unique prefix); `false` when there is no
   * such audit. A load of the same audit already under way is joined, not
   * repeated: the page starts loading a deep link's audit before its view
   * asks for it.
   */
  loadAudit(idOrPrefix: string): Promise<boolean> {
    const running = this.#loading.get(idOrPrefix);
    if (running !== undefined) return running;
    const load = this.#loadAudit(idOrPrefix).finally(() => this.#loading.delete(idOrPrefix));
    this.#loading.set(idOrPrefix, load);
    return load;
  }

  async #loadAudit(idOrPrefix: string): Promise<boolean> {
    const snapshot = await this.#source.audit(idOrPrefix);
    if (snapshot === undefined) return false;
    const id = snapshot.audit.auditId;
    // `latest` stays the audit it named when the page loaded it: a link does not jump to another.
    if (idOrPrefix !== id) this.#named.set(idOrPrefix, id);
    this.#rows.set(id, snapshot.audit);
    this.#eventsOf(id).merge(snapshot.events);
    this.#changed();
    return true;
  }

  #onRecords(batch: readonly LiveRecord[]): void {
    let rowsMissing = false;
    for (const { seq, record, audit } of batch) {
      this.#liveSeq.set(record.audit_id, seq);
      this.#eventsOf(record.audit_id).add([record], seq);
      if (audit !== undefined && audit !== null) this.#rows.set(audit.auditId, audit);
      else rowsMissing = true;
    }
    if (rowsMissing) this.#refreshRowsSoon();
    this.#changed();
  }

  /**
   * Audits removed from the store: the change that follows the rows' own is
   * applied as told; any other version means one was missed, so the rows are
   * asked for again.
   */
  #onRows(notice: RowsNotice): void {
    if (notice.version === this.#rowsVersion) return;
    if (notice.version !== this.#rowsVersion + 1 || notice.removed === undefined) {
      this.#refreshRowsSoon();
      return;
    }
    this.#rowsVersion = notice.version;
    for (const auditId of notice.removed) this.#forget(auditId);
    for (const row of notice.updated ?? []) this.#rebuilt(row);
    this.#changed();
  }

  #refreshRowsSoon(): void {
    this.#refreshTimer ??= setTimeout(async () => {
      this.#refreshTimer = undefined;
      try {
        this.#setRows(await this.#source.audits());
        this.#changed();
      } catch {
        // The next batch asks again.
      }
    }, ROWS_REFRESH_MS);
  }

  /**
   * Takes the rows of a snapshot: a row is replaced, or dropped when the
   * snapshot lacks it (removed from the store), unless a live record of its
   * audit came after the snapshot's position.
   */
  #setRows(snapshot: AuditsSnapshot): void {
    const newer = (auditId: string) => (this.#liveSeq.get(auditId) ?? 0) > snapshot.position;
    const ids = new Set<string>();
    for (const row of snapshot.audits) {
      ids.add(row.auditId);
      if (!newer(row.auditId)) this.#rows.set(row.auditId, row);
    }
    const versioned = snapshot.rowsVersion !== undefined;
    if (versioned && this.rowsLoaded && snapshot.rowsVersion !== this.#rowsVersion) {
      for (const row of snapshot.audits) {
        const before = this.#events.get(row.auditId);
        if (before?.loaded === true && !newer(row.auditId)) this.#rebuilt(row);
      }
    }
    if (versioned) this.#rowsVersion = snapshot.rowsVersion as number;
    for (const auditId of [...this.#rows.keys()]) {
      if (!ids.has(auditId) && !newer(auditId) && versioned) this.#forget(auditId);
    }
  }

  /** An audit the store no longer holds: its row and records go. */
  #forget(auditId: string): void {
    this.#rows.delete(auditId);
    this.#events.delete(auditId);
    this.#liveSeq.delete(auditId);
    this.removed.add(auditId);
  }

  /**
   * An audit that lost records (or may have: a server restarted): its row is
   * replaced, and its records read again if they were loaded; those shown
   * stay until the new ones replace them.
   */
  #rebuilt(row: AuditRow): void {
    this.#rows.set(row.auditId, row);
    if (this.#events.get(row.auditId)?.loaded !== true) return;
    void this.#readAgain(row.auditId).catch(() => {});
  }

  async #readAgain(auditId: string): Promise<void> {
    const snapshot = await this.#source.audit(auditId);
    const events = this.#events.get(auditId);
    if (events === undefined) return; // forgotten meanwhile
    if (snapshot === undefined) this.#forget(auditId);
    else {
      this.#rows.set(auditId, snapshot.audit);
      events.replace(snapshot.events, snapshot.position);
    }
    this.#changed();
  }

  #eventsOf(auditId: string): AuditEvents {
    let events = this.#events.get(auditId);
    if (events === undefined) {
      events = new AuditEvents();
      this.#events.set(auditId, events);
    }
    return events;
  }

  #changed(): void {
    this.version += 1;
    for (const listener of this.#listeners) listener();
  }
}
