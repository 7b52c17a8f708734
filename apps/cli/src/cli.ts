import { main } from "./main.js";

// A reader that stops early (`phaser-events list | head`) is not an error: stop writing, keep going.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await main(process.argv.slice(2));
