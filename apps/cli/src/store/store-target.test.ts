import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { withCommonOptions } from "../commands/common-options.js";
import { storeTargetOf } from "./store-target.js";

async function targetOf(args: string[], env: NodeJS.ProcessEnv = {}) {
  let target: Promise<Awaited<ReturnType<typeof storeTargetOf>>> | undefined;
  const program = withCommonOptions(new Command("phaser-events"));
  withCommonOptions(program.command("list")).action((_options, command: Command) => {
    target = storeTargetOf(command, env);
  });
  program.parse(["node", "cli", ...args]);
  return target;
}

const URL = "postgres://ann:secret@db.example/events";

describe("storeTargetOf", () => {
  it("reads --store postgres://, postgresql:// or key=value as a database, anything else as a directory", async () => {
    expect(await targetOf(["list", "--store", URL])).toEqual({ kind: "postgres", url: URL });
    expect(await targetOf(["--store", "postgresql://db/x", "list"])).toEqual({
      kind: "postgres",
      url: "postgresql://db/x",
    });
    expect(await targetOf(["list", "--store", "host=db dbname=x"])).toEqual({
      kind: "postgres",
      url: "host=db dbname=x",
    });
    expect(await targetOf(["list", "--store", "./store"])).toEqual({
      kind: "json",
      dir: "./store",
    });
    expect(await targetOf(["list", "--store", "a=b"])).toEqual({ kind: "json", dir: "a=b" });
  });

  it("takes PHASER_DATABASE_URL without --store, and --store over it", async () => {
    expect(await targetOf(["list"], { PHASER_DATABASE_URL: URL })).toEqual({
      kind: "postgres",
      url: URL,
    });
    expect(await targetOf(["list", "--store", "d"], { PHASER_DATABASE_URL: URL })).toEqual({
      kind: "json",
      dir: "d",
    });
    expect(await targetOf(["list"], { PHASER_DATABASE_URL: "" })).toEqual({
      kind: "json",
      dir: undefined,
    });
  });

  it("refuses a mistyped scheme as a usage error naming the scheme, not the password", async () => {
    for (const [args, env] of [
      [["list", "--store", "postgress://ann:S3cr3t@db/events"], {}],
      [["list"], { PHASER_DATABASE_URL: "http://ann:S3cr3t@db/events" }],
    ] as const) {
      const error = await targetOf([...args], env).catch((e: unknown) => e);
      expect(error).toMatchObject({ exitCode: 2 });
      expect((error as Error).message).toMatch(/"(postgress|http):"/);
      expect((error as Error).message).not.toContain("S3cr3t");
    }
  });
});
