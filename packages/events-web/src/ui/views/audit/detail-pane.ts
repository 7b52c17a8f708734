import type { PhaseTimeline, VerificationAttempt } from "@phaser/events-analysis";
import { lineText } from "../../format/cut-text.js";
import { formatDuration, isoTime } from "../../format/time.js";
import { html } from "../../html.js";
import { OutcomeBadge } from "../outcome-badge.js";
import { FileChanges } from "./file-changes.js";
import { LongText } from "./long-text.js";

export interface DetailPaneProps {
  readonly phase: PhaseTimeline | undefined;
  readonly attempt: VerificationAttempt | undefined;
}

/** What is selected, in full: a verification attempt's command and output, or a phase's files and error. */
export function DetailPane({ phase, attempt }: DetailPaneProps) {
  return html`
    <section class="detail" aria-labelledby="detail-heading" aria-live="polite">
      ${
        attempt !== undefined && phase !== undefined
          ? html`<${AttemptDetail} phase=${phase} attempt=${attempt} />`
          : phase !== undefined
            ? html`<${PhaseDetail} phase=${phase} />`
            : html`
              <h2 id="detail-heading">Details</h2>
              <p class="hint">Select a phase or a verification attempt in the timeline or the event table.</p>
            `
      }
    </section>
  `;
}

function AttemptDetail({ phase, attempt }: { phase: PhaseTimeline; attempt: VerificationAttempt }) {
  return html`
    <h2 id="detail-heading">
      Verification, attempt ${attempt.attempt} <${OutcomeBadge} outcome=${attempt.status} />
    </h2>
    <dl class="facts">
      <dt>Command</dt>
      <dd><${LongText} as="code" class="command" text=${attempt.command} /></dd>
      <dt>Exit code</dt>
      <dd>${attempt.exitCode ?? "—"}</dd>
      <dt>Duration</dt>
      <dd>${attempt.durationMs === null ? "—" : formatDuration(attempt.durationMs)}</dd>
      <dt>Attempt</dt>
      <dd>${attempt.attempt}</dd>
      <dt>Ended</dt>
      <dd><time datetime=${attempt.endedAt}>${isoTime(attempt.endedAt)}</time></dd>
      <dt>Phase</dt>
      <dd>${phase.phase}${phase.title === null ? "" : html`: <bdi>${lineText(phase.title)}</bdi>`}</dd>
    </dl>
    <h3>Output</h3>
    ${
      attempt.output === null || attempt.output === ""
        ? html`<p class="hint">No output was kept${attempt.status === "passed" ? " (a passing check keeps none)" : ""}.</p>`
        : html`<${LongText} as="pre" class="output" label="Output" text=${attempt.output} />`
    }
  `;
}

function PhaseDetail({ phase }: { phase: PhaseTimeline }) {
  const duration = phase.durationMs;
  return html`
    <h2 id="detail-heading">
      Phase ${phase.phase}${phase.title === null ? "" : html`: <bdi>${lineText(phase.title)}</bdi>`}
      ${" "}<${OutcomeBadge} outcome=${phase.status} />
      ${phase.flaky ? html` <span class="badge badge-flaky">flaky</span>` : null}
    </h2>
    <dl class="facts">
      ${phase.file === null ? null : html`<dt>File</dt><dd><${LongText} as="code" text=${phase.file} /></dd>`}
      <dt>Started</dt>
      <dd>${phase.startedAt === null ? "—" : isoTime(phase.startedAt)}</dd>
      <dt>Ended</dt>
      <dd>${phase.endedAt === null ? (phase.status === "running" ? "running" : "—") : isoTime(phase.endedAt)}</dd>
      <dt>Duration</dt>
      <dd>${duration === null ? "—" : formatDuration(duration)}</dd>
      <dt>Verifications</dt>
      <dd>${phase.attempts.length}</dd>
      ${phase.skipReason === null ? null : html`<dt>Skipped</dt><dd>${lineText(phase.skipReason)}</dd>`}
    </dl>
    ${
      phase.error === null
        ? null
        : html`<h3>Error</h3><${LongText} as="pre" class="output error-output" label="Error" text=${phase.error} />`
    }
    <${FileChanges} files=${phase.files} />
  `;
}
