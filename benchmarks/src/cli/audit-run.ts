/**
 * A throwaway project and plan for the CLI targets (R1–R3): `phaser-events run --json` on it,
 * with the events it printed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Finished, runCli, succeeded } from "./cli-process.js";

/** An event as `run --json` prints it. */
export interface PrintedEvent {
  readonly type: string;
  readonly timestamp: string;
  readonly phase: number | null;
  readonly data: Record<string, unknown>;
}

export interface BenchProject {
  /** The project folder (`--cwd`), not a git repository: every file is listed by walking it. */
  readonly dir: string;
  readonly planFile: string;
  readonly storeDir: string;
  readonly tmp: string;
}

/**
 * A project folder under `tmp/label` with a one-phase plan whose `run:` step is `step` and
 * whose checks are `verify`, and a store folder of its own.
 */
export function benchProject(
  tmp: string,
  label: string,
  step: string,
  verify: readonly string[] = [],
): BenchProject {
  const root = join(tmp, label);
  const dir = join(root, "project");
  mkdirSync(dir, { recursive: true });
  const planFile = join(root, "plan.yaml");
  const checks = verify.map((command) => `      - ${JSON.stringify(command)}\n`).join("");
  writeFileSync(
    planFile,
    `project: bench\nslug: ${label}\nphases:\n  - title: ${label}\n    run: ${JSON.stringify(step)}\n${
      checks === "" ? "" : `    verify:\n${checks}`
    }`,
  );
  return { dir, planFile, storeDir: join(root, "store"), tmp: root };
}

/** `phaser-events run <plan> --json` on the project; `started` gets the pid. */
export function runAudit(
  project: BenchProject,
  options: { readonly env?: NodeJS.ProcessEnv; readonly started?: (pid: number) => void } = {},
): Promise<Finished> {
  return runCli(
    ["run", project.planFile, "--cwd", project.dir, "--store", project.storeDir, "--json"],
    { cwd: project.tmp, tmp: project.tmp, ...options },
  );
}

/** The events a finished `run --json` printed. */
export function printedEvents(finished: Finished): PrintedEvent[] {
  return finished.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as PrintedEvent);
}

/** The first printed event of `type`, or an error naming what is missing. */
export function eventOf(events: readonly PrintedEvent[], type: string): PrintedEvent {
  const found = events.find((e) => e.type === type);
  if (found === undefined)
    throw new Error(`no ${type} event among ${events.map((e) => e.type).join(", ")}`);
  return found;
}

/** Milliseconds from `phase_started` to `phase_completed` (event timestamps, 1 ms resolution). */
export function phaseMs(events: readonly PrintedEvent[]): number {
  const started = Date.parse(eventOf(events, "phase_started").timestamp);
  return Date.parse(eventOf(events, "phase_completed").timestamp) - started;
}

/** Runs the audit, which must complete; returns the process and its events. */
export async function completedAudit(
  project: BenchProject,
): Promise<{ finished: Finished; events: PrintedEvent[] }> {
  const finished = succeeded(await runAudit(project), `phaser-events run (${project.planFile})`);
  return { finished, events: printedEvents(finished) };
}
