import { displayText } from "../../format/display-text.js";
import { html } from "../../html.js";
import { OUTCOMES, type Outcome } from "../../route/route.js";
import { outcomeLabel } from "../outcome-badge.js";
import type { ViewProps } from "../page-header.js";

export interface AuditFiltersProps extends ViewProps {
  /** The projects as shown (terminal controls removed). */
  readonly projects: readonly string[];
}

/** The audits view's filters, and the active ones as chips that remove them. */
export function AuditFilters({ route, navigate, projects }: AuditFiltersProps) {
  const toggle = (outcome: Outcome, on: boolean) =>
    navigate({
      outcomes: on ? [...route.outcomes, outcome] : route.outcomes.filter((o) => o !== outcome),
    });
  const chips = [
    ...(route.project === undefined
      ? []
      : [
          {
            label: `project: ${displayText(route.project)}`,
            remove: () => navigate({ project: undefined }),
          },
        ]),
    ...route.outcomes.map((outcome) => ({
      label: `outcome: ${outcomeLabel(outcome)}`,
      remove: () => toggle(outcome, false),
    })),
    ...(route.q === undefined
      ? []
      : [{ label: `search: ${displayText(route.q)}`, remove: () => navigate({ q: undefined }) }]),
  ];
  return html`
    <form class="filters" role="search" aria-label="Filter audits" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>
        Project
        <select
          name="project"
          value=${route.project ?? ""}
          onChange=${(e: Event) =>
            navigate({ project: (e.currentTarget as HTMLSelectElement).value || undefined })}
        >
          <option value="">All projects</option>
          ${projects.map((p) => html`<option value=${p}>${p}</option>`)}
          ${
            route.project !== undefined && !projects.includes(route.project)
              ? html`<option value=${displayText(route.project)}>${displayText(route.project)}</option>`
              : null
          }
        </select>
      </label>
      <fieldset class="outcomes">
        <legend>Outcome</legend>
        ${OUTCOMES.map(
          (outcome) => html`
            <label class="check">
              <input
                type="checkbox"
                name="outcome"
                value=${outcome}
                checked=${route.outcomes.includes(outcome)}
                onChange=${(e: Event) => toggle(outcome, (e.currentTarget as HTMLInputElement).checked)}
              />
              ${outcomeLabel(outcome)}
            </label>
          `,
        )}
      </fieldset>
      <label>
        Search
        <input
          type="search"
          name="q"
          placeholder="id, project or slug"
          value=${route.q ?? ""}
          onInput=${(e: Event) =>
            navigate(
              { q: (e.currentTarget as HTMLInputElement).value || undefined },
              { replace: true },
            )}
        />
      </label>
    </form>
    ${
      chips.length === 0
        ? null
        : html`
          <ul class="chips" aria-label="Active filters">
            ${chips.map(
              (chip) => html`
                <li>
                  <button type="button" class="chip" onClick=${chip.remove} aria-label=${`Remove filter ${chip.label}`}>
                    ${chip.label} <span aria-hidden="true">×</span>
                  </button>
                </li>
              `,
            )}
            <li>
              <button
                type="button"
                class="chip-clear"
                onClick=${() => navigate({ project: undefined, outcomes: [], q: undefined })}
              >
                Clear all
              </button>
            </li>
          </ul>
        `
    }
  `;
}
