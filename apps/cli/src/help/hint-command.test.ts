import { describe, expect, it } from "vitest";
import { hintCommand } from "./hint-command.js";

describe("hintCommand", () => {
  it("names the repository's bin through npx for the repository's own build", () => {
    expect(hintCommand("/home/ann/phaser-events/apps/cli/dist/cli.js", {})).toBe(
      "npx phaser-events",
    );
    expect(
      hintCommand("/home/ann/phaser-events/apps/cli/dist/cli.js", { npm_lifecycle_event: "demo" }),
    ).toBe("npx phaser-events");
  });

  it("names the command itself for an installed package run by its name", () => {
    const global = "/usr/local/lib/node_modules/@phaser/events-cli/dist/cli.js";
    expect(hintCommand(global, {})).toBe("phaser-events");
    expect(hintCommand(global, { npm_lifecycle_event: "" })).toBe("phaser-events");
    expect(hintCommand("C:\\npm\\node_modules\\@phaser\\events-cli\\dist\\cli.js", {})).toBe(
      "phaser-events",
    );
  });

  it("goes through npx where a package manager started it", () => {
    const local = "/home/ann/shop/node_modules/@phaser/events-cli/dist/cli.js";
    expect(hintCommand(local, { npm_lifecycle_event: "npx" })).toBe("npx phaser-events");
    expect(hintCommand(local, { npm_lifecycle_event: "audit" })).toBe("npx phaser-events");
    const cached = "/home/ann/.npm/_npx/4a1b/node_modules/@phaser/events-cli/dist/cli.js";
    expect(hintCommand(cached, { npm_lifecycle_event: "npx" })).toBe("npx @phaser/events-cli");
  });
});
