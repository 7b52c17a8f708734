// Usage: node contains.js <file> <text> — the file must contain the text.
const [file, text] = process.argv.slice(2);
if (!require("fs").readFileSync(file, "utf8").includes(text)) {
  console.error(file + " does not mention " + text);
  process.exit(1);
}
