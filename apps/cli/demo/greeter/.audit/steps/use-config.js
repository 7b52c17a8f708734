// Phase 2: greet() reads the configuration; the legacy module goes.
const fs = require("fs");
fs.writeFileSync(
  "src/greet.js",
  [
    'const config = require("./config.json");',
    "",
    "module.exports = (name) => config.greeting + config.separator + name + config.punctuation;",
    "",
  ].join("\n"),
);
const readme = fs.readFileSync("README.md", "utf8");
fs.writeFileSync(
  "README.md",
  readme.replace(
    "Call `greet(name)` from `src/greet.js`.",
    "Call `greet(name)` from `src/greet.js`.\nThe greeting, separator and punctuation\ncome from `src/config.json`.",
  ),
);
fs.rmSync("src/legacy-greet.js");
console.log("greet() now reads src/config.json");
