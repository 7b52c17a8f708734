import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { exitCodeFor, withInterrupts } from "../audit/interrupt.js";
import type { AuditSummary } from "../audit/run-audit.js";
import { CliError, EXIT_FAILURE, EXIT_USAGE } from "../errors/cli-error.js";
import { pc } from "../format/colors.js";
import { stderrIsStdout } from "../format/same-destination.js";
import { printErrorLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { cliIo, setExitCode } from "../io/cli-io.js";
import { ensureStoreUsable } from "../store/open-check.js";
import { withStorage } from "../store/open-storage.js";
import { type CommonOptions, commonOptionsOf, withCommonOptions } from "./common-options.js";
import { parseSeconds } from "./option-parsers.js";

interface RunOptions extends CommonOptions {
  readonly cwd?: string;
  readonly timeout?: number;
}

/**
 * `phaser-events run <plan>`: runs an audit plan in `--cwd` and records its
 * events. Exit codes: 0 completed, 1 failed (or timed out), 2 usage or plan
 * error, 130 interrupted by Ctrl-C (143 by SIGTERM).
 */
export function registerRunCommand(program: Command): void {
  withCommonOptions(program.command("run"))
    .addHelpText("after", HELP.run)
    .description("run an audit plan (YAML or JSON) and record every step as events")
    .argument("<plan>", "the plan file: plan.yaml, plan.yml or plan.json")
    .option(
      "--cwd <dir>",
      "the project to audit: commands run and file changes are watched here",
      ".",
    )
    .option(
      "--timeout <seconds>",
      "kill any command running longer than this; the audit ends with reason timeout",
      parseSeconds,
    )
    .action(async (planPath: string, options: RunOptions, command: Command) => {
      const { executePlan, loadPlan } = await import("../audit/run-modules.js");
      const here = cliIo().cwd;
      const plan = await loadPlan(resolve(here, planPath));
      const cwd = resolve(here, options.cwd ?? ".");
      if (
        !(await stat(cwd).then(
          (s) => s.isDirectory(),
          () => false,
        ))
      ) {
        throw new CliError(`--cwd ${cwd} is not a directory`, EXIT_USAGE);
      }
      const json = commonOptionsOf(command).json === true;
      const { result, signal } = await withStorage(command, async (storage) => {
        // A store it cannot use stops it before any command runs.
        await ensureStoreUsable(storage);
        return withInterrupts(({ signal, killSignal }) =>
          executePlan(plan, {
            storage,
            cwd,
            json,
            timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
            signal,
            killSignal,
          }),
        );
      });
      // Where stderr is stdout (a terminal, `2>&1`), the last progress line is the outcome already.
      if (!json && !stderrIsStdout()) printErrorLine(outcomeLine(result));
      if (result.status === "completed") return;
      setExitCode(signal !== undefined ? exitCodeFor(signal) : EXIT_FAILURE);
    });
}

function outcomeLine(summary: AuditSummary): string {
  const id = `audit ${summary.auditId}`;
  switch (summary.status) {
    case "completed":
      return pc().green(`✔ ${id} completed`);
    case "user_request":
      return pc().yellow(`✖ ${id} interrupted: abandoned with reason user_request`);
    default:
      return pc().red(`✖ ${id} abandoned with reason ${summary.status}`);
  }
}
