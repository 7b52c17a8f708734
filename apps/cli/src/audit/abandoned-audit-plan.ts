import type { AuditPlan } from "./audit-plan.js";
import { DEMO_PROJECT } from "./demo-project.js";
import { nodeCheck } from "./verification.js";

const httpsModule = (certificate: string) =>
  [
    'const fs = require("fs");',
    "",
    `exports.loadCertificate = () => fs.readFileSync("${certificate}", "utf8");`,
    "",
  ].join("\n");

/**
 * The demo audit that is abandoned: its second phase's verification keeps
 * failing (the certificate it needs never exists), so the phase fails after
 * three attempts and the audit stops with a phase still to go.
 */
export const abandonedAuditPlan: AuditPlan = {
  project: DEMO_PROJECT,
  slug: "v1.2-https-server",
  phases: [
    {
      description: "Add an HTTP request handler",
      file: ".audit/phases/01-server.md",
      work: (ws) =>
        ws.write(
          "src/server.js",
          'const greet = require("./greet.js");\n\nmodule.exports = (req, res) => res.end(greet("world"));\n',
        ),
      checks: [
        nodeCheck(
          "if (typeof require('./src/server.js') !== 'function') { console.error('src/server.js must export a request handler'); process.exit(1); }",
        ),
      ],
    },
    {
      description: "Serve over HTTPS",
      file: ".audit/phases/02-https.md",
      work: (ws) => ws.write("src/https.js", httpsModule("certs/dev.pem")),
      checks: [
        nodeCheck(
          "try { require('./src/https.js').loadCertificate(); } catch (error) { console.error(error.message); process.exit(1); }",
        ),
      ],
      // Each fix looks somewhere else; no certificate is ever there.
      fix: (ws, attempt) =>
        ws.write(
          "src/https.js",
          httpsModule(attempt === 1 ? "certs/localhost.pem" : "/etc/ssl/greeter.pem"),
        ),
      maxAttempts: 3,
    },
    {
      description: "Deploy",
      file: ".audit/phases/03-deploy.md",
      checks: [],
    },
  ],
};
