import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diffLines } from "diff";
import { benchProject, completedAudit, eventOf, phaseMs } from "../cli/audit-run.js";
import { type BenchContext, judge } from "../config.js";
import { count, ms, ratio } from "../format.js";
import { Prng } from "../prng.js";
import { type Contender, medianOf, roundRobin } from "../sampling.js";
import { median } from "../stats.js";
import type { Report } from "../table.js";
import { now } from "../util.js";

/** "Well under a second" (issue 12): what 20,000 changed lines may add to the phase. */
const TARGET_MS = 500;

/** `lines` CSV rows; `variant` 1 changes every row's last field. */
function csv(lines: number, variant: 0 | 1): string[] {
  const rows: string[] = [];
  for (let i = 0; i < lines; i++) rows.push(`${i},name-${i},${(i * 7919) % 100_003},${variant}\n`);
  return rows;
}

/** The same rows in another order: every line is still there, most have moved. */
function shuffled(rows: readonly string[]): string[] {
  const out = [...rows];
  const prng = new Prng(12);
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

interface Case {
  readonly name: string;
  readonly lines: number;
  readonly before: string;
  readonly after: string;
  /** The line counts `file_modified` must report; `null` for no event (nothing changed). */
  readonly expect: "every line" | "moved" | null;
}

/** A contender that runs `phaser-events run`, its step replacing `data.csv` with `after`. */
function auditContender(ctx: BenchContext, c: Case, cpu: Map<string, number[]>): Contender {
  const project = benchProject(ctx.tmp, `r1-${cpu.size}`, "cp ../after.csv data.csv");
  const beforeFile = join(project.tmp, "before.csv");
  writeFileSync(beforeFile, c.before);
  writeFileSync(join(project.tmp, "after.csv"), c.after);
  cpu.set(c.name, []);
  return {
    name: c.name,
    async sample() {
      copyFileSync(beforeFile, join(project.dir, "data.csv"));
      const { finished, events } = await completedAudit(project);
      check(c, events);
      cpu.get(c.name)?.push(finished.usage?.cpuMs ?? Number.NaN);
      return phaseMs(events);
    },
  };
}

function check(c: Case, events: Parameters<typeof eventOf>[0]): void {
  if (c.expect === null) {
    if (events.some((e) => e.type === "file_modified"))
      throw new Error(
        `R1: ${c.name}: a file_modified event for a file written with the same bytes`,
      );
    return;
  }
  const { lines_added: added, lines_removed: removed } = eventOf(events, "file_modified").data;
  const ok =
    c.expect === "every line"
      ? added === c.lines && removed === c.lines
      : added === removed && typeof added === "number" && added > 0 && added < c.lines;
  if (!ok) throw new Error(`R1: ${c.name}: +${added} −${removed} lines, expected ${c.expect}`);
}

/** R1: a `run:` step rewrites a 20,000-line file: what the line counts add to the phase. */
export async function r1RewriteDiff(ctx: BenchContext): Promise<Report> {
  const { r1Lines: n, r1LargeLines: large, r1JsdiffLines: small } = ctx.sizes;
  const rows0 = csv(n, 0);
  const cases: Case[] = [
    {
      name: `ours: run, the step rewrites every line of ${count(n)}`,
      lines: n,
      before: rows0.join(""),
      after: csv(n, 1).join(""),
      expect: "every line",
    },
    {
      name: `ours: run, the step moves the ${count(n)} lines (shuffled)`,
      lines: n,
      before: rows0.join(""),
      after: shuffled(rows0).join(""),
      expect: "moved",
    },
    {
      name: `ours: run, the step rewrites every line of ${count(large)}`,
      lines: large,
      before: csv(large, 0).join(""),
      after: csv(large, 1).join(""),
      expect: "every line",
    },
    {
      name: `baseline: the same run, the step writes the same ${count(n)} lines back`,
      lines: n,
      before: rows0.join(""),
      after: rows0.join(""),
      expect: null,
    },
  ];
  const [ours, moved, tenfold, baseline] = cases as [Case, Case, Case, Case];
  const cpu = new Map<string, number[]>();
  const contenders = cases.map((c) => auditContender(ctx, c, cpu));

  // The line diff `run` used before issue 12 (jsdiff's diffLines, in process), at a tenth of the lines.
  const oldBefore = csv(small, 0).join("");
  const oldAfter = csv(small, 1).join("");
  const JSDIFF = `before issue 12: jsdiff diffLines of ${count(small)} changed lines (in process)`;
  contenders.push({
    name: JSDIFF,
    async sample() {
      const start = now();
      const changes = diffLines(oldBefore, oldAfter);
      const elapsed = now() - start;
      const added = changes.reduce((sum, c) => sum + (c.added ? (c.count ?? 0) : 0), 0);
      if (added !== small) throw new Error(`R1: jsdiff counted ${added} added lines`);
      return elapsed;
    },
  });

  const times = await roundRobin(contenders, {
    samples: ctx.sizes.r1Samples,
    warmup: ctx.smoke ? 0 : 1,
  });
  const phase = (c: Case) => medianOf(times, c.name);
  const over = (c: Case) => phase(c) - phase(baseline);
  const added = over(ours);
  const row = (c: Case, peer: string) => [
    c.name,
    count(c.lines),
    ms(phase(c)),
    c === baseline ? "—" : ms(over(c)),
    ms(median(cpu.get(c.name) ?? [])),
    peer,
  ];
  return {
    id: "R1",
    title: `a run: step rewrites a ${count(n)}-line file`,
    columns: [
      "contender",
      "lines",
      "phase (median)",
      "over the baseline",
      "CLI CPU (median)",
      "ours ÷ peer (time over the baseline)",
    ],
    rows: [
      row(ours, "—"),
      row(moved, ratio(added / over(moved))),
      row(tenfold, ratio(added / over(tenfold))),
      row(baseline, "—"),
      [
        JSDIFF,
        count(small),
        ms(medianOf(times, JSDIFF)),
        "—",
        "—",
        ratio(added / medianOf(times, JSDIFF)),
      ],
    ],
    target: `the line counts of ${count(n)} changed lines add ≤ ${ms(TARGET_MS)} to the phase ("well under a second")`,
    ours: `${ms(added)} over the baseline (phase ${ms(phase(ours))})`,
    met: judge(ctx, added <= TARGET_MS),
    notes: [
      `${ctx.sizes.r1Samples} samples per contender after a warm-up round, contenders alternating; each sample is one \`phaser-events run --json\` process (the built CLI, as a user runs it) on a project that is not a git repository.`,
      "Phase: from the phase_started event's timestamp to phase_completed's (1 ms resolution): the step, the snapshots of the project before and after it, and the file_modified event. Every sample checks the event's line counts.",
      "Over the baseline: the phase's median less the baseline's, whose step writes the same bytes back (the file is read and hashed again, and no line is counted): what the line counts cost.",
      "CLI CPU: user + system time of the run process itself (not its step), from process.resourceUsage() at exit.",
      `The jsdiff row is the diff \`run\` used before issue 12, timed in process on a tenth of the lines: it is quadratic (at 20,000 lines it took 78–95 s), so the ratio compares ours at ${count(n)} lines with it at ${count(small)}.`,
    ],
  };
}
