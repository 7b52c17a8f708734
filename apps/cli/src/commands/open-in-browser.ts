import { spawn } from "node:child_process";
import { printableMessage } from "../format/printable.js";
import { printErrorLine } from "../format/terminal-output.js";

/** The command that opens a URL in the default browser on this platform. */
function opener(url: string): [string, string[]] {
  if (process.platform === "darwin") return ["open", [url]];
  if (process.platform === "win32") return ["cmd", ["/c", "start", '""', url]];
  return ["xdg-open", [url]];
}

/**
 * Opens `url` in the default browser, detached: `serve` does not wait for it.
 * A missing opener or one that fails is a warning, never a failure of `serve`.
 */
export function openInBrowser(url: string): void {
  const [command, args] = opener(url);
  const warn = (why: string) =>
    printErrorLine(
      `phaser-events: warning: could not open a browser (${printableMessage(why)}); open ${url} yourself`,
    );
  try {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.on("error", (error) => warn(error.message));
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) warn(`${command} exited with ${code}`);
    });
    child.unref();
  } catch (error) {
    warn((error as Error).message);
  }
}
