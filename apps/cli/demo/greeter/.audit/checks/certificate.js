// The HTTPS module must find its certificate.
try {
  require(require("path").resolve("src/https.js")).loadCertificate();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
