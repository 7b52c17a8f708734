/**
 * The benchmark suite: `node --expose-gc dist/run.js [--smoke] [--markdown] [--only P1,P3]`.
 * Prints the header, one table per target and a summary. Each target runs in
 * a process of its own (see isolate.ts). Exits 0 even when a target is not met
 * (the tables say so); 1 when a target crashed, 2 on bad arguments.
 */
import { rmSync } from "node:fs";
import { type CliArgs, parseCliArgs } from "./cli-args.js";
import type { BenchContext } from "./config.js";
import { createContext, removeTemp } from "./context.js";
import { ms } from "./format.js";
import { headerLines } from "./header.js";
import { runIsolated, runWorker, stopWorkers } from "./isolate.js";
import { printHeader, printReport, printSummary, type Report, type TableFormat } from "./table.js";
import { TARGETS, type Target } from "./targets/registry.js";
import { now } from "./util.js";

function modeLine(ctx: BenchContext): string {
  const { sizes } = ctx;
  const what = `${sizes.bigStoreEvents.toLocaleString("en-US")}-event data set, ${sizes.audits} audits, mean record ${ctx.dataset.meanBytes.toFixed(0)} B; one process per target`;
  return ctx.smoke ? `smoke (tiny sizes, not judged: ${what})` : `full (${what})`;
}

function crashed(target: Target, error: unknown): Report {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id: target.id,
    title: target.title,
    columns: [],
    rows: [],
    target: target.target,
    ours: "crashed",
    met: false,
    notes: [message.split("\n").slice(0, 6).join(" ")],
    error: message,
  };
}

async function runTargets(
  ctx: BenchContext,
  targets: readonly Target[],
  format: TableFormat,
): Promise<Report[]> {
  const reports: Report[] = [];
  for (const target of targets) {
    const start = now();
    process.stderr.write(`[bench] ${target.id} …`);
    let report: Report;
    try {
      report = await runIsolated(target, ctx.smoke, ctx.tmp);
    } catch (error) {
      report = crashed(target, error);
      console.error(`\n[bench] ${target.id} crashed:`, (error as Error).message ?? error);
    }
    process.stderr.write(` ${ms(now() - start)}\n`);
    reports.push(report);
    printReport(report, format);
  }
  return reports;
}

async function suite(args: CliArgs): Promise<number> {
  const format: TableFormat = args.markdown ? "markdown" : "text";
  const targets = TARGETS.filter((t) => args.only === undefined || args.only.includes(t.id));
  const started = now();
  const ctx = await createContext(
    args.smoke,
    targets.some((t) => t.usesBigStore),
  );
  // However the process ends (a crash, a closed stdout pipe, Ctrl-C), leave no temp files.
  process.once("exit", () => {
    stopWorkers();
    rmSync(ctx.tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  });
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  try {
    printHeader(headerLines(modeLine(ctx)), format);
    const reports = await runTargets(ctx, targets, format);
    printSummary(reports, format);
    process.stderr.write(`[bench] done in ${ms(now() - started)}\n`);
    return reports.some((r) => r.error !== undefined) ? 1 : 0;
  } finally {
    await removeTemp(ctx.tmp);
  }
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(
      process.argv.slice(2),
      TARGETS.map((t) => t.id),
    );
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.worker !== undefined && args.tmp !== undefined) {
    // A target process: exit as soon as the report is sent, whatever handles remain.
    process.exit(await runWorker(args.worker, args.smoke, args.tmp));
  }
  return suite(args);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
