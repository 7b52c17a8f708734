import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { EXIT_INTERRUPTED, exitCodeFor } from "../src/audit/interrupt.js";
import { TIMEOUT_EXIT_CODE } from "../src/audit/run-command.js";
import { EXIT_FAILURE, EXIT_USAGE } from "../src/errors/cli-error.js";
import { HELP } from "../src/help/help-texts.js";
import { createProgram } from "../src/program.js";
import { APP_DIR } from "./cli-path.js";
import { runCli } from "./spawn-cli.js";

/** What `<command> --help` prints, commander's part and ours, without running anything. */
function helpOf(command: Command): string {
  let text = "";
  // Commander wraps to the terminal's width, and to 80 columns elsewhere (as when spawned).
  command.configureHelp({ helpWidth: 80 });
  command.configureOutput({ writeOut: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

/** The lines under `Examples:` in a help text. */
function examplesIn(help: string): string[] {
  const [, after = ""] = help.split("\nExamples:\n");
  return after
    .split("\n")
    .filter((line) => line.startsWith("  "))
    .map((line) => line.trim());
}

/** A shell command line as argv: quotes removed, `NAME=value` prefixes and `> file` (or `>>`) dropped. */
function argvOf(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/(?:'[^']*'|"[^"]*"|[^\s'"]+)+/g)) {
    words.push(match[0].replace(/'([^']*)'|"([^"]*)"/g, "$1$2"));
  }
  while (/^[A-Z_]+=/.test(words[0] ?? "")) words.shift();
  const redirect = words.findIndex((word) => word === ">" || word === ">>");
  return redirect === -1 ? words : words.slice(0, redirect);
}

/** The program with every action replaced by one that records which command got which argv. */
function dryProgram(): { program: Command; ran: string[] } {
  const program = createProgram();
  const ran: string[] = [];
  program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  for (const command of program.commands) {
    command.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    command.action(() => {
      ran.push(command.name());
    });
  }
  return { program, ran };
}

/** Every environment variable the CLI's sources read by name (`env.NAME`, `env["NAME"]`, `…_ENV = "NAME"`). */
function envNamesReadBySources(dir = join(APP_DIR, "src")): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const name of envNamesReadBySources(path)) names.add(name);
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      const source = readFileSync(path, "utf8");
      for (const m of source.matchAll(/\benv(?:\.|\[")([A-Za-z_][A-Za-z0-9_]*)/g))
        names.add(m[1] as string);
      for (const m of source.matchAll(/_ENV\s*=\s*"([A-Za-z_][A-Za-z0-9_]*)"/g))
        names.add(m[1] as string);
    }
  }
  return names;
}

/**
 * Read by the CLI but no setting of its own: the search path, the home folder (where ~/.phaser
 * is, as the help says), and how a package manager started it.
 */
const NOT_SETTINGS = new Set(["PATH", "HOME", "npm_lifecycle_event"]);

describe("phaser-events --help", () => {
  const program = createProgram();
  const root = helpOf(program);

  it("says what --store takes: a directory, or a PostgreSQL URL or key=value string", () => {
    expect(root).toContain("--store <dir|url>");
    for (const form of ["postgres://", "postgresql://", "'host=", "events.json"]) {
      expect(root).toContain(form);
    }
  });

  it("lists every environment variable the CLI reads, and the JSON store's", () => {
    const read = envNamesReadBySources();
    // The sanity of the scan: these are read today.
    for (const name of ["NO_COLOR", "FORCE_COLOR", "TERM", "PHASER_DATABASE_URL"]) {
      expect(read).toContain(name);
    }
    const section = root.slice(root.indexOf("Environment variables:"), root.indexOf("Exit codes:"));
    for (const name of [...read, "PHASER_STORAGE_DIR", "PGPASSWORD"]) {
      if (!NOT_SETTINGS.has(name)) expect(section, name).toContain(name);
    }
  });

  it("lists the exit codes, those of a recorded command included", () => {
    const section = root.slice(root.indexOf("Exit codes:"), root.indexOf("Examples:"));
    for (const code of [0, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED]) {
      expect(section).toMatch(new RegExp(`^ {2}${code} {2}`, "m"));
    }
    const words = section.replace(/\s+/g, " ");
    for (const signal of ["SIGTERM", "SIGHUP", "SIGQUIT"] as const) {
      expect(words).toContain(`${exitCodeFor(signal)} ${signal}`);
    }
    expect(words).toContain(`${TIMEOUT_EXIT_CODE} when --timeout killed it`);
  });

  it("has examples that each name a command", () => {
    const names = new Set(program.commands.map((c) => c.name()));
    const lines = examplesIn(root);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(
        argvOf(line).some((word) => names.has(word)),
        line,
      ).toBe(true);
  });
});

describe("phaser-events <command> --help", () => {
  const commands = createProgram().commands.filter((c) => c.name() !== "help");

  it("has a help text for every command, and none for a command that does not exist", () => {
    expect(Object.keys(HELP).sort()).toEqual(["root", ...commands.map((c) => c.name())].sort());
  });

  it.each(commands.map((c) => [c.name(), c] as const))(
    "%s shows examples that its own parser accepts",
    async (name, command) => {
      const lines = examplesIn(helpOf(command));
      expect(lines.length, name).toBeGreaterThan(0);
      for (const line of lines) {
        const argv = argvOf(line);
        expect(argv.slice(0, 2), line).toEqual(["phaser-events", name]);
        // Parsed for real (options, choices, values), with actions that do nothing.
        const { program, ran } = dryProgram();
        await expect(program.parseAsync(argv.slice(1), { from: "user" }), line).resolves.toBe(
          program,
        );
        expect(ran, line).toEqual([name]);
      }
    },
  );

  it("shows --store <dir|url> for every command", () => {
    for (const command of commands) expect(helpOf(command), command.name()).toContain("<dir|url>");
  });
});

describe("the built phaser-events", () => {
  it("prints the same help: environment variables, exit codes, examples", async () => {
    // --help reads no store: the folder given is never created.
    const result = await runCli(["--help"], join(tmpdir(), "phaser-help-no-store"));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(helpOf(createProgram()));
  });
});
