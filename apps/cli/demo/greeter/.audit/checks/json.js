// Usage: node json.js <file> — the file must be valid JSON.
const file = process.argv[2];
JSON.parse(require("fs").readFileSync(file, "utf8"));
console.log(file + " is valid JSON");
