import { makeRecord } from "@phaser/events-storage-testkit";
import { adminClient } from "@phaser/postgres-test-server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { isPostgresConnectionError, PostgresStorage } from "../src/index.js";
import { noServer, requireServer, uniqueName } from "./helpers.js";
import { captureOutput, everyRendering, expectHidden } from "./renderings.js";

describe.skipIf(noServer)("connection failures never show a password", () => {
  /** A role whose password holds every character a URL gives a meaning to. */
  const special = { user: uniqueName("special"), password: "", database: uniqueName("special") };
  beforeAll(async () => {
    special.password = `p@ss/w%rd:x?y#z ${globalThis.crypto.randomUUID()}`;
    const admin = adminClient(requireServer());
    await admin.connect();
    try {
      const quoted = special.password.replaceAll("'", "''");
      await admin.query(`CREATE ROLE ${special.user} LOGIN PASSWORD '${quoted}'`);
      await admin.query(`CREATE DATABASE ${special.database} OWNER ${special.user}`);
    } finally {
      await admin.end();
    }
  });
  const savedPassword = process.env.PGPASSWORD;
  afterEach(() => {
    if (savedPassword === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = savedPassword;
  });

  const cases = () => {
    const server = requireServer();
    const secret = () => `S3cr3t-${globalThis.crypto.randomUUID()}`;
    const wrong = secret();
    const unreachable = secret();
    const env = secret();
    const envUnreachable = secret();
    const special2 = `${special.password}-wrong`;
    const tcp = `127.0.0.1:${server.port}`;
    return [
      {
        what: "key=value, wrong password",
        value: `host=127.0.0.1 port=${server.port} dbname=postgres user=${server.user} password=${wrong}`,
        secret: wrong,
        reason: "authentication",
      },
      {
        what: "key=value, nothing listening",
        value: `host=127.0.0.1 port=1 dbname=x user=u password=${unreachable}`,
        secret: unreachable,
        reason: "refused",
      },
      {
        what: "key=value, quoted right password, missing database",
        value: `host=127.0.0.1 port=${server.port} dbname='${uniqueName("missing")}' user=${server.user} password='${server.password}'`,
        secret: server.password,
        reason: "missing-database",
      },
      {
        what: "URL, percent-encoded password with @ / % : ? #, wrong",
        value: `postgres://${special.user}:${encodeURIComponent(special2)}@${tcp}/postgres`,
        secret: special2,
        reason: "authentication",
      },
      {
        what: "URL, percent-encoded password with @ / % : ? #, missing database",
        value: `postgres://${special.user}:${encodeURIComponent(special.password)}@${tcp}/${uniqueName("missing")}`,
        secret: special.password,
        reason: "missing-database",
      },
      {
        what: "PGPASSWORD, wrong",
        value: `postgres://${server.user}@${tcp}/postgres`,
        env,
        secret: env,
        reason: "authentication",
      },
      {
        what: "PGPASSWORD with key=value, nothing listening",
        value: "host=127.0.0.1 port=1 dbname=x user=u",
        env: envUnreachable,
        secret: envUnreachable,
        reason: "refused",
      },
    ];
  };

  it.each([0, 1, 2, 3, 4, 5, 6])(
    "in errors, their causes and stacks, and the watch's warnings (case %i)",
    async (n) => {
      const c = cases()[n];
      if (c === undefined) throw new Error("no such case");
      if (c.env !== undefined) process.env.PGPASSWORD = c.env;
      const storage = new PostgresStorage({ connectionString: c.value, pollMs: 50 });
      const errors: unknown[] = [];
      const output = await captureOutput(async () => {
        try {
          for (const attempt of [
            () => storage.getEvents(),
            () => storage.appendEvent(makeRecord()),
            () => storage.migrate(),
          ]) {
            errors.push(
              await attempt().then(
                () => undefined,
                (e: unknown) => e,
              ),
            );
          }
          // A watch reports with console.warn unless given onError.
          const warned = new Promise<void>((resolve) => {
            vi.mocked(console.warn).mockImplementationOnce((...args: unknown[]) => {
              console.error(...args); // still captured
              resolve();
            });
          });
          const watching = storage.watch(() => undefined);
          await warned;
          await watching.stop();
        } finally {
          await storage.close();
        }
      });
      for (const error of errors) {
        expect(isPostgresConnectionError(error), `${c.what}: ${String(error)}`).toBe(true);
        expect(error).toMatchObject({ reason: c.reason });
        expectHidden(everyRendering(error), c.secret, c.what);
      }
      expect(output, "nothing was written").not.toBe("");
      expectHidden(output, c.secret, `${c.what}: console and stderr`);
    },
  );

  it("connects with a percent-encoded password holding @ / % : ? #", async () => {
    const { port } = requireServer();
    const password = encodeURIComponent(special.password);
    const storage = new PostgresStorage({
      connectionString: `postgres://${special.user}:${password}@127.0.0.1:${port}/${special.database}`,
    });
    try {
      const record = makeRecord();
      await storage.appendEvent(record);
      expect(await storage.getEvents()).toEqual([record]);
    } finally {
      await storage.close();
    }
  });
});
