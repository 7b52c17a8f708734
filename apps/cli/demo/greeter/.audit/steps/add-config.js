// Phase 1: the greeting's parts move to a configuration file.
const fs = require("fs");
const config = { greeting: "Hello", separator: ", ", punctuation: "!" };
fs.writeFileSync("src/config.json", JSON.stringify(config, null, 2) + "\n");
console.log("wrote src/config.json");
