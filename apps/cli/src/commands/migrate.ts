import { JsonFileStorage } from "@phaser/events-store-json";
import type { Command } from "commander";
import { printLine } from "../format/terminal-output.js";
import { HELP } from "../help/help-texts.js";
import { openJsonStorage, openPostgres, redacted } from "../store/open-storage.js";
import { storeTargetOf } from "../store/store-target.js";
import { commonOptionsOf, printJson, withCommonOptions } from "./common-options.js";

/** What `migrate` did: `from` is `null` when there was no file; `backup` when one was made. */
interface MigrateResult {
  readonly path: string;
  readonly from: number | null;
  readonly to: number;
  readonly backup: string | null;
}

/**
 * `phaser-events migrate`: brings the events file to the current format now.
 * The store migrates an older file itself, under its lock and after a
 * backup, the first time it reads it; this triggers that read and reports
 * the versions and the backup. A file the store refuses fails with its
 * typed error (exit code 1) and is left as it was.
 */
export function registerMigrateCommand(program: Command): void {
  withCommonOptions(program.command("migrate"))
    .addHelpText("after", HELP.migrate)
    .description(
      "migrate the events file to the current format (after a backup), or a PostgreSQL database's schema",
    )
    .action(async (_options: unknown, command: Command) => {
      const target = await storeTargetOf(command);
      if (target.kind === "postgres") {
        await migratePostgres(target.url, commonOptionsOf(command).json === true);
        return;
      }
      // Malformed records are kept as they are; `doctor` lists them, so no warning per record here.
      const storage = new JsonFileStorage({
        path: (await openJsonStorage(command)).path,
        onWarning: () => {},
      });
      let migrated: Omit<MigrateResult, "path">;
      try {
        migrated = await storage.migrate(); // under the lock, or throws the store's refusal
      } finally {
        await storage.close();
      }
      const result: MigrateResult = { path: storage.path, ...migrated };
      if (commonOptionsOf(command).json === true) printJson(result);
      else printLine(describe(result));
    });
}

function describe({ path, from, to, backup }: MigrateResult): string {
  if (from === null) return `${path} does not exist yet: nothing to migrate`;
  if (from === to) return `${path} is already at version ${to}: nothing to migrate`;
  const kept = backup === null ? "" : `; the original is kept in ${backup}`;
  return `migrated ${path} from version ${from} to ${to}${kept}`;
}

/** Applies the PostgreSQL store's pending migrations (under its advisory lock) and reports the version. */
async function migratePostgres(url: string, json: boolean): Promise<void> {
  const { SCHEMA_VERSION } = await import("@phaser/events-store-postgres");
  const storage = await openPostgres(url);
  try {
    await storage.migrate();
  } finally {
    await storage.close();
  }
  const location = await redacted(url);
  if (json) printJson({ location, to: SCHEMA_VERSION });
  else printLine(`${location} is at schema version ${SCHEMA_VERSION}`);
}
