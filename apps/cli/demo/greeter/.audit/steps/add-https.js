// Phase 2 of the HTTPS audit: load a certificate that does not exist yet.
require("fs").writeFileSync(
  "src/https.js",
  'const fs = require("fs");\n\nexports.loadCertificate = () => fs.readFileSync("certs/dev.pem", "utf8");\n',
);
