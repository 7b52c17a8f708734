// src/server.js must export a request handler.
if (typeof require(require("path").resolve("src/server.js")) !== "function") {
  console.error("src/server.js must export a request handler");
  process.exit(1);
}
