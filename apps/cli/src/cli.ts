import { reportError } from "./errors/report-error.js";
import { createProgram } from "./program.js";

// A reader that stops early (`phaser-events list | head`) is not an error: stop writing, keep going.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, (line) => console.error(line));
}
