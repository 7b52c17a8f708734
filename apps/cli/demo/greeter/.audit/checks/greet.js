// greet('Ada') must return 'Hello, Ada!'.
const got = require(require("path").resolve("src/greet.js"))("Ada");
if (got !== "Hello, Ada!") {
  console.error(
    "greet(Ada) returned " + JSON.stringify(got) + ", expected " + JSON.stringify("Hello, Ada!"),
  );
  process.exit(1);
}
console.log("greet(Ada) ok");
