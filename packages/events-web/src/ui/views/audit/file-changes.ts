import type { PhaseTimeline } from "@phaser/events-analysis";
import { html } from "../../html.js";
import { LongText } from "./long-text.js";

/** A phase's file changes: created, modified with lines added and removed, deleted. */
export function FileChanges({ files }: { readonly files: PhaseTimeline["files"] }) {
  const total = files.created.length + files.modified.length + files.deleted.length;
  return html`
    <h3>Files <span class="count">${total}</span></h3>
    ${
      total === 0
        ? html`<p class="hint">No file changed.</p>`
        : html`
          <ul class="files">
            ${files.created.map(
              (f) =>
                html`<li class="file-created"><span class="file-op">created</span> <${LongText} as="code" text=${f.path} /></li>`,
            )}
            ${files.modified.map(
              (f) => html`
                <li class="file-modified">
                  <span class="file-op">modified</span> <${LongText} as="code" text=${f.path} />
                  <span class="lines-added" aria-label=${`${f.linesAdded ?? "?"} lines added`}>+${f.linesAdded ?? "?"}</span>
                  <span class="lines-removed" aria-label=${`${f.linesRemoved ?? "?"} lines removed`}>−${f.linesRemoved ?? "?"}</span>
                </li>
              `,
            )}
            ${files.deleted.map(
              (f) =>
                html`<li class="file-deleted"><span class="file-op">deleted</span> <${LongText} as="code" text=${f.path} /></li>`,
            )}
          </ul>
        `
    }
  `;
}
