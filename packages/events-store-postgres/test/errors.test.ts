import { isEventValidationError, isStorageError } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { describe, expect, it } from "vitest";
import {
  isPostgresConnectionError,
  PostgresStorage,
  redactConnectionString,
} from "../src/index.js";
import { noServer, requireServer, uniqueName } from "./helpers.js";
import { everyRendering } from "./renderings.js";

describe("redactConnectionString", () => {
  it("replaces the password in the userinfo and in a password parameter", () => {
    expect(redactConnectionString("postgres://ann:s3cr%40t@db.example:5433/events")).toBe(
      "postgres://ann:***@db.example:5433/events",
    );
    expect(
      redactConnectionString("postgresql://ann@db/events?password=hunter2&sslmode=require"),
    ).toBe("postgresql://ann@db/events?password=***&sslmode=require");
    expect(redactConnectionString("postgres://db/events")).toBe("postgres://db/events");
    expect(redactConnectionString("postgres://ann:p@ss:w0rd@db/events")).toBe(
      "postgres://ann:***@db/events",
    );
    expect(redactConnectionString("postgres://ann@db:5432/events")).toBe(
      "postgres://ann@db:5432/events",
    );
  });

  it("hides a password holding a raw / or ? up to the last @, and a key=value password, quoted or not", () => {
    expect(redactConnectionString("postgres://u:p@ss/w%rd:x@host/db")).toBe(
      "postgres://u:***@host/db",
    );
    expect(redactConnectionString("postgres://u:a?b#c@host/db")).toBe("postgres://u:***@host/db");
    expect(redactConnectionString("host=db port=5 dbname=x user=u password=S3cr3t")).toBe(
      "host=db port=5 dbname=x user=u password=***",
    );
    expect(redactConnectionString("password = 'S3 cr\\'et' host=db")).toBe(
      "password = *** host=db",
    );
    expect(redactConnectionString("host=db user=u")).toBe("host=db user=u");
  });
});

describe.skipIf(noServer)("connection failures", () => {
  const cases = () => {
    const server = requireServer();
    const wrongPassword = `wrong-${globalThis.crypto.randomUUID()}`;
    return [
      {
        what: "a wrong password",
        reason: "authentication",
        password: wrongPassword,
        url: `postgres://${server.user}:${wrongPassword}@127.0.0.1:${server.port}/postgres`,
        database: "postgres",
      },
      {
        what: "a missing database",
        reason: "missing-database",
        password: server.password,
        url: `postgres://${server.user}:${server.password}@127.0.0.1:${server.port}/${uniqueName("missing")}`,
        database: "missing_",
      },
      {
        what: "a refused port",
        reason: "refused",
        password: server.password,
        url: `postgres://${server.user}:${server.password}@127.0.0.1:1/events`,
        database: "events",
      },
    ] as const;
  };

  it.each([0, 1, 2])(
    "are typed StorageErrors naming host and database, never the password (case %i)",
    async (n) => {
      const c = cases()[n];
      if (c === undefined) throw new Error("no such case");
      const storage = new PostgresStorage({ connectionString: c.url });
      try {
        for (const attempt of [
          () => storage.getEvents(),
          () => storage.appendEvent(makeRecord()),
          () => storage.migrate(),
        ]) {
          const error = await attempt().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error, c.what).toBeDefined();
          expect(isStorageError(error), c.what).toBe(true);
          expect(isPostgresConnectionError(error), c.what).toBe(true);
          expect(error).toMatchObject({ store: "postgres", reason: c.reason });
          const message = (error as Error).message;
          expect(message).toContain("127.0.0.1");
          expect(message).toContain(c.database);
          expect(everyRendering(error)).not.toContain(c.password);
        }
      } finally {
        await storage.close();
      }
    },
  );
});

describe("validation", () => {
  it("rejects an invalid record before touching the database", async () => {
    // Nothing listens on port 1: reaching the database would be a connection error instead.
    const storage = new PostgresStorage({
      connectionString: "postgres://nobody:pw@127.0.0.1:1/none",
    });
    try {
      const error = await storage
        .appendEvents([makeRecord(), { ...makeRecord(), phase: 0 }])
        .catch((e: unknown) => e);
      expect(isEventValidationError(error)).toBe(true);
      expect((error as { field: string }).field).toBe("phase");
    } finally {
      await storage.close();
    }
  });
});
