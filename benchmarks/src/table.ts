/** One target's results, as printed. */
export interface Report {
  /** "P1" … "P7". */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The target, as the issue states it. */
  readonly target: string;
  /** Our headline figure (the median the target is judged on). */
  readonly ours: string;
  /** Whether the target is met; `null` in smoke mode (sizes too small to judge). */
  readonly met: boolean | null;
  readonly notes: readonly string[];
  /** Set when the target crashed: what it threw. */
  readonly error?: string;
}

export type TableFormat = "text" | "markdown";

export function status(report: Pick<Report, "met" | "error">): string {
  if (report.error !== undefined) return "CRASHED";
  if (report.met === null) return "n/a (smoke)";
  return report.met ? "met" : "NOT met";
}

/** The run's header: when, where, with what. A bullet list in markdown. */
export function printHeader(lines: readonly string[], format: TableFormat): void {
  if (format === "markdown") {
    for (const line of lines) {
      const [key, ...rest] = line.split(":");
      console.log(`- **${key?.trim()}**: ${rest.join(":").trim()}`);
    }
  } else {
    console.log("Phaser Events benchmarks");
    for (const line of lines) console.log(line);
  }
}

/** A figure: "12.3 ms", "≈ 1.2 s", "1,000", "0.42×", "1.23 M/s", "—" or "n/a". */
const FIGURE = /^(?:≈ ?)?-?[\d.,]+(?: ?[A-Za-zµ×%/]+)?$|^—$|^n\/a(?: \(.*\))?$/;

/** A column of figures is right-aligned; any other column left-aligned. */
function isFigureColumn(rows: readonly (readonly string[])[], index: number): boolean {
  return rows.length > 0 && rows.every((row) => FIGURE.test(row[index] ?? ""));
}

function textTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? "").length)));
  const right = columns.map((_, i) => isFigureColumn(rows, i));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (right[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(columns), rule, ...rows.map(line)].join("\n");
}

function markdownTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  const rule = `|${columns.map((_, i) => (isFigureColumn(rows, i) ? "---:" : "---")).join("|")}|`;
  return [line(columns), rule, ...rows.map(line)].join("\n");
}

export function renderTable(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  format: TableFormat,
): string {
  return format === "markdown" ? markdownTable(columns, rows) : textTable(columns, rows);
}

export function printReport(report: Report, format: TableFormat): void {
  const heading = `${report.id}: ${report.title}`;
  console.log(
    format === "markdown" ? `\n### ${heading}\n` : `\n${heading}\n${"=".repeat(heading.length)}`,
  );
  if (report.rows.length > 0) {
    console.log(renderTable(report.columns, report.rows, format));
    if (format === "markdown") console.log("");
  }
  if (format === "markdown") {
    console.log(`**Target:** ${report.target}. **Ours:** ${report.ours} → **${status(report)}**\n`);
    for (const note of report.notes) console.log(`- ${note}`);
  } else {
    console.log(`target: ${report.target}; ours: ${report.ours} → ${status(report)}`);
    for (const note of report.notes) console.log(`  · ${note}`);
  }
}

export function printSummary(reports: readonly Report[], format: TableFormat): void {
  console.log(format === "markdown" ? "\n### Summary\n" : "\nSummary\n=======");
  const rows = reports.map((r) => [r.id, r.title, r.target, r.ours, status(r)]);
  console.log(renderTable(["#", "work", "target", "ours (median)", "status"], rows, format));
}
