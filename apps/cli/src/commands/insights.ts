import { computeInsights } from "@phaser/events-analysis";
import type { Command } from "commander";
import { printLine, writeText } from "../format/terminal-output.js";
import { shown } from "../format/text.js";
import { HELP } from "../help/help-texts.js";
import { formatInsights } from "../insights/format-insights.js";
import { withStorage } from "../store/open-storage.js";
import {
  type CommonOptions,
  commonOptionsOf,
  printJson,
  withCommonOptions,
} from "./common-options.js";
import { parseInstant, TIME_FORMS } from "./option-parsers.js";

interface InsightsOptions extends CommonOptions {
  readonly since?: string;
}

/** `phaser-events insights`: per-project success rates, durations, failing commands, churn and retries. */
export function registerInsightsCommand(program: Command): void {
  withCommonOptions(program.command("insights"))
    .addHelpText("after", HELP.insights)
    .description(
      "summarize audits per project: outcomes, durations, failing commands, changed files, retries",
    )
    .option("--since <time>", `only events at or after this time: ${TIME_FORMS}`, (v) =>
      parseInstant(v),
    )
    .action(async (options: InsightsOptions, command: Command) => {
      const { insights, location } = await withStorage(command, async (storage, location) => {
        const records = await storage.getEvents({ since: options.since });
        // Audits that started before --since still belong to their project.
        const auditStarts =
          options.since === undefined
            ? []
            : await storage.getEvents({ eventType: "audit_started" });
        return {
          insights: computeInsights(records, { since: options.since, auditStarts }),
          location,
        };
      });
      if (commonOptionsOf(command).json === true) {
        printJson(insights);
        return;
      }
      if (insights.events === 0) {
        const window = options.since === undefined ? "" : ` since ${options.since}`;
        printLine(`No events in ${shown(location)}${window}: nothing to summarize.`);
        return;
      }
      writeText(formatInsights(insights));
    });
}
