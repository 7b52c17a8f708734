import type { EventRecord } from "@phaser/events-core";
import { useMemo } from "preact/hooks";
import { displayText } from "../../format/display-text.js";
import { html } from "../../html.js";

export interface EventFilterState {
  readonly types: readonly string[];
  readonly inPhase: number | undefined;
}

/** Whether a record passes the table's filter (types compared as shown: a newer version's type is free text). */
export function passesFilter(record: EventRecord, filter: EventFilterState): boolean {
  return (
    (filter.types.length === 0 || filter.types.includes(displayText(record.type))) &&
    (filter.inPhase === undefined || record.phase === filter.inPhase)
  );
}

export interface EventFiltersProps {
  readonly records: readonly EventRecord[];
  readonly filter: EventFilterState;
  readonly onChange: (filter: { types: readonly string[]; inPhase: number | undefined }) => void;
}

/** The event table's filters: one event type, one phase. Rows of the chart without a match are dimmed. */
export function EventFilters({ records, filter, onChange }: EventFiltersProps) {
  // Each distinct stored type made fit to show once, not once per record.
  const types = useMemo(
    () => [...new Set([...new Set(records.map((r) => r.type))].map(displayText))].sort(),
    [records],
  );
  const phases = useMemo(
    () =>
      [...new Set(records.flatMap((r) => (r.phase === null ? [] : [r.phase])))].sort(
        (a, b) => a - b,
      ),
    [records],
  );
  const typeValue = filter.types.length === 1 ? (filter.types[0] ?? "") : "";
  return html`
    <div class="event-filters" role="group" aria-label="Filter events">
      <label>
        Type
        <select
          name="type"
          value=${typeValue}
          onChange=${(e: Event) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            onChange({ types: value === "" ? [] : [value], inPhase: filter.inPhase });
          }}
        >
          <option value="">All types</option>
          ${types.map((type) => html`<option value=${type}>${type}</option>`)}
        </select>
      </label>
      <label>
        Phase
        <select
          name="in_phase"
          value=${filter.inPhase === undefined ? "" : String(filter.inPhase)}
          onChange=${(e: Event) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            onChange({ types: filter.types, inPhase: value === "" ? undefined : Number(value) });
          }}
        >
          <option value="">All phases</option>
          ${phases.map((phase) => html`<option value=${String(phase)}>Phase ${phase}</option>`)}
        </select>
      </label>
      ${
        filter.types.length > 0 || filter.inPhase !== undefined
          ? html`<button type="button" class="chip-clear" onClick=${() => onChange({ types: [], inPhase: undefined })}>
            Clear filters
          </button>`
          : null
      }
    </div>
  `;
}
