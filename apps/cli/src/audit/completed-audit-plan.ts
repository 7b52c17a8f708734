import type { AuditPlan } from "./audit-plan.js";
import { containsCheck, DEMO_PROJECT, greetCheck } from "./demo-project.js";
import { nodeCheck } from "./verification.js";

const CONFIG = { greeting: "Hello", punctuation: "!" };

/**
 * The demo audit that completes: a file created, files modified and deleted,
 * a verification that fails and passes once a fix is made, a skipped phase.
 */
export const completedAuditPlan: AuditPlan = {
  project: DEMO_PROJECT,
  slug: "v1.1-configurable-greeting",
  phases: [
    {
      description: "Add a configuration file",
      file: ".audit/phases/01-config.md",
      work: (ws) => ws.write("src/config.json", `${JSON.stringify(CONFIG, null, 2)}\n`),
      checks: [nodeCheck("JSON.parse(require('fs').readFileSync('src/config.json', 'utf8'));")],
    },
    {
      description: "Read the greeting from the configuration",
      file: ".audit/phases/02-use-config.md",
      // The new code reads `config.separator`, which the configuration lacks: the check fails.
      work: async (ws) => {
        await ws.write(
          "src/greet.js",
          [
            'const config = require("./config.json");',
            "",
            "module.exports = (name) => config.greeting + config.separator + name + config.punctuation;",
            "",
          ].join("\n"),
        );
        await ws.edit("README.md", (text) =>
          text.replace(
            "Call `greet(name)` from `src/greet.js`.",
            "Call `greet(name)` from `src/greet.js`.\nThe greeting, separator and punctuation\ncome from `src/config.json`.",
          ),
        );
        await ws.remove("src/legacy-greet.js");
      },
      checks: [greetCheck],
      // The fix adds the missing key; the retry passes.
      fix: (ws) =>
        ws.write("src/config.json", `${JSON.stringify({ ...CONFIG, separator: ", " }, null, 2)}\n`),
      maxAttempts: 2,
    },
    {
      description: "Translate the README",
      file: ".audit/phases/03-translate.md",
      skip: "user_request",
    },
    {
      description: "Document the API",
      file: ".audit/phases/04-docs.md",
      work: async (ws) => {
        await ws.write(
          "docs/api.md",
          "# API\n\n## greet(name)\n\nReturns the configured greeting for `name`.\n",
        );
        await ws.edit("README.md", (text) => `${text}\nSee [the API](docs/api.md).\n`);
      },
      checks: [containsCheck("docs/api.md", "## greet(name)"), greetCheck],
    },
  ],
};
