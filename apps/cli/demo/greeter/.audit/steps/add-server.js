// Phase 1 of the HTTPS audit: an HTTP request handler.
require("fs").writeFileSync(
  "src/server.js",
  'const greet = require("./greet.js");\n\nmodule.exports = (req, res) => res.end(greet("world"));\n',
);
