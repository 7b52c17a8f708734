import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { withCommonOptions } from "../commands/common-options.js";
import { storeTargetOf } from "./store-target.js";

function targetOf(args: string[], env: NodeJS.ProcessEnv = {}) {
  let target: ReturnType<typeof storeTargetOf> | undefined;
  const program = withCommonOptions(new Command("phaser-events"));
  withCommonOptions(program.command("list")).action((_options, command: Command) => {
    target = storeTargetOf(command, env);
  });
  program.parse(["node", "cli", ...args]);
  return target;
}

const URL = "postgres://ann:secret@db.example/events";

describe("storeTargetOf", () => {
  it("reads --store postgres:// or postgresql:// as a database, anything else as a directory", () => {
    expect(targetOf(["list", "--store", URL])).toEqual({ kind: "postgres", url: URL });
    expect(targetOf(["--store", "postgresql://db/x", "list"])).toEqual({
      kind: "postgres",
      url: "postgresql://db/x",
    });
    expect(targetOf(["list", "--store", "./store"])).toEqual({ kind: "json", dir: "./store" });
  });

  it("takes PHASER_DATABASE_URL without --store, and --store over it", () => {
    expect(targetOf(["list"], { PHASER_DATABASE_URL: URL })).toEqual({
      kind: "postgres",
      url: URL,
    });
    expect(targetOf(["list", "--store", "d"], { PHASER_DATABASE_URL: URL })).toEqual({
      kind: "json",
      dir: "d",
    });
    expect(targetOf(["list"], { PHASER_DATABASE_URL: "" })).toEqual({
      kind: "json",
      dir: undefined,
    });
  });
});
