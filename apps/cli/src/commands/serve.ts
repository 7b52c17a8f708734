import { networkInterfaces } from "node:os";
import type { Command } from "commander";
import { CliError } from "../errors/cli-error.js";
import { printableMessage } from "../format/printable.js";
import { printErrorLine, printLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { withStorage } from "../store/open-storage.js";
import {
  type CommonOptions,
  commonOptionsOf,
  printJson,
  withCommonOptions,
} from "./common-options.js";
import { openInBrowser } from "./open-in-browser.js";
import { parsePort, parseToken } from "./option-parsers.js";
import { waitForStopSignal } from "./stop-signal.js";

interface ServeOptions extends CommonOptions {
  readonly port: number;
  readonly host: string;
  readonly token?: string;
  readonly open?: boolean;
}

/** The port `serve` listens on without `--port` (the web package's default). */
const DEFAULT_PORT = 4820;

/**
 * `phaser-events serve`: the web timeline of the store's audits, read-only,
 * until SIGINT or SIGTERM. The first line printed is the URL it serves on.
 */
export function registerServeCommand(program: Command): void {
  withCommonOptions(program.command("serve"))
    .addHelpText("after", HELP.serve)
    .description("serve a live web timeline of the store's audits (read-only), until Ctrl-C")
    .option("--port <n>", "the port; 0 picks a free one", parsePort, DEFAULT_PORT)
    .option(
      "--host <address>",
      "the address to listen on; any but loopback needs a token",
      "127.0.0.1",
    )
    .option(
      "--token <token>",
      "the token a non-loopback server asks for (default: a random one)",
      parseToken,
    )
    .option("--open", "open the page in the default browser")
    .action(async (options: ServeOptions, command: Command) => {
      const json = commonOptionsOf(command).json === true;
      await withStorage(command, async (storage, location) => {
        const { createTimelineServer } = await import("@phaser/events-web");
        const stopped = waitForStopSignal();
        const server = await createTimelineServer({
          storage,
          host: options.host,
          port: options.port,
          token: options.token,
          onError: (error) => printErrorLine(`phaser-events: ${printableMessage(error.message)}`),
        }).catch((error: unknown) => {
          throw listenError(error, options);
        });
        if (json) printJson({ url: server.url, host: server.host, port: server.port });
        else printLine(server.url);
        printErrorLine(`serving ${printableMessage(location)}, read-only; Ctrl-C to stop`);
        for (const url of networkUrls(server)) printErrorLine(`on the network: ${url}`);
        if (options.open === true) openInBrowser(server.url);
        await stopped;
        await server.close();
      });
    });
}

/**
 * For a server bound to every interface (`0.0.0.0`, `::`), the URLs other
 * machines may use: one per external address of this machine's interfaces.
 * Not IPv6 link-local ones (`fe80::/10`): they need a zone (`%eth0`), which
 * browsers do not take in a URL.
 */
export function networkUrls(
  server: { host: string; port: number; url: string },
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): string[] {
  const all = server.host === "0.0.0.0" ? ["IPv4"] : server.host === "::" ? ["IPv4", "IPv6"] : [];
  const addresses = Object.values(interfaces)
    .flat()
    .filter((a) => a !== undefined && !a.internal && all.includes(a.family))
    .filter((a) => !(a?.family === "IPv6" && /^fe[89ab]/i.test(a.address)));
  const { hash } = new URL(server.url); // the token, when one is asked for
  return addresses.map((a) => {
    const host = a?.family === "IPv6" ? `[${a.address}]` : a?.address;
    return `http://${host}:${server.port}/${hash}`;
  });
}

/** What a user can do about a server that could not listen. */
function listenError(error: unknown, options: ServeOptions): unknown {
  const code = (error as { code?: unknown }).code;
  const where = `${options.host}:${options.port}`;
  if (code === "EADDRINUSE")
    return new CliError(`${where} is in use: pick another --port, or --port 0 for a free one`);
  if (code === "EACCES")
    return new CliError(`not allowed to listen on ${where}: ports below 1024 need privileges`);
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new CliError(`cannot listen on ${where}: no such address on this machine`);
  return error;
}
