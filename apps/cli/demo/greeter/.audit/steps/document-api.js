// Phase 4: document the API.
const fs = require("fs");
fs.mkdirSync("docs", { recursive: true });
fs.writeFileSync(
  "docs/api.md",
  "# API\n\n## greet(name)\n\nReturns the configured greeting for `name`.\n",
);
fs.appendFileSync("README.md", "\nSee [the API](docs/api.md).\n");
