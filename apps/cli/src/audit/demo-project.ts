import type { Workspace } from "../workspace/workspace.js";
import type { AuditPlan } from "./audit-plan.js";
import { nodeCheck } from "./verification.js";

/** The project both demo audits work on: a tiny greeting library. */
export const DEMO_PROJECT = "greeter";

/** The project as it is before the first audit. */
const SEED_FILES: Readonly<Record<string, string>> = {
  "package.json": `${JSON.stringify({ name: "greeter", version: "1.0.0", main: "src/greet.js" }, null, 2)}\n`,
  "README.md": [
    "# greeter",
    "",
    "A tiny greeting library.",
    "",
    "## Usage",
    "",
    "Call `greet(name)` from `src/greet.js`.",
    "",
  ].join("\n"),
  "src/greet.js": 'module.exports = (name) => "Hello " + name;\n',
  "src/legacy-greet.js": 'module.exports = (name) => "Hi " + name;\n',
};

/** Writes the project's files and the phase files of `plans`. */
export async function seedDemoProject(
  workspace: Workspace,
  plans: readonly AuditPlan[],
): Promise<void> {
  for (const [path, content] of Object.entries(SEED_FILES)) await workspace.write(path, content);
  for (const plan of plans) {
    for (const [index, phase] of plan.phases.entries()) {
      await workspace.write(phase.file, `# Phase ${index + 1}: ${phase.description}\n`);
    }
  }
}

/** A verify command: `greet('Ada')` must return `Hello, Ada!`. */
export const greetCheck = nodeCheck(
  "const got = require('./src/greet.js')('Ada'); if (got !== 'Hello, Ada!') { console.error('greet(Ada) returned ' + JSON.stringify(got) + ', expected ' + JSON.stringify('Hello, Ada!')); process.exit(1); } console.log('greet(Ada) ok');",
);

/** A verify command: `file` must exist and contain `text`. */
export function containsCheck(file: string, text: string) {
  return nodeCheck(
    `const s = require('fs').readFileSync('${file}', 'utf8'); if (!s.includes('${text}')) { console.error('${file} does not mention ${text}'); process.exit(1); }`,
  );
}
