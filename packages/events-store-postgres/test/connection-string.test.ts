import { describe, expect, it } from "vitest";
import {
  classifyStoreLocation,
  isPostgresConnectionStringError,
  PostgresStorage,
} from "../src/index.js";
import { everyRendering, expectHidden } from "./renderings.js";

describe("connection strings refused before anything connects", () => {
  const refusals = [
    {
      what: "a raw @, /, % and : in a URL password (node-postgres would look up a piece of it in DNS)",
      value: "postgres://u:p@ss/w%rd:x@host/db",
      secrets: ["p@ss/w%rd:x", "ss/w%rd", "w%rd"],
      says: /percent-encode/,
    },
    {
      what: "a raw ? and # in a URL password",
      value: "postgres://u:S3?cr#et@host/db",
      secrets: ["S3?cr#et", "cr#et"],
      says: /percent-encode/,
    },
    {
      what: "a mistyped scheme",
      value: "postgress://u:pw-S3cr3t@host/db",
      secrets: ["pw-S3cr3t"],
      says: /"postgress:"/,
    },
    {
      what: "a postgres scheme without //",
      value: "postgresql:/u:pw-S3cr3t@host/db",
      secrets: ["pw-S3cr3t"],
      says: /"postgresql:" must be followed by "\/\/"/,
    },
    {
      what: "another scheme",
      value: "http://u:pw-S3cr3t@host/db",
      secrets: ["pw-S3cr3t"],
      says: /"http:".*postgres:\/\//,
    },
    {
      what: "a key=value string with a mistyped keyword",
      value: "host=db user=u passwrod=S3cr3t-kv",
      secrets: ["S3cr3t-kv"],
      says: /"passwrod"/,
    },
    {
      what: "a path",
      value: "/var/lib/S3cr3t-dir",
      secrets: ["S3cr3t-dir"],
      says: /expected a URL/,
    },
  ];

  it.each(refusals)(
    "$what: a typed TypeError when the store is built",
    ({ value, secrets, says }) => {
      let error: unknown;
      try {
        new PostgresStorage({ connectionString: value });
      } catch (caught) {
        error = caught;
      }
      expect(isPostgresConnectionStringError(error)).toBe(true);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(says);
      for (const secret of secrets) expectHidden(everyRendering(error), secret, "the error");
    },
  );

  it("classifyStoreLocation: postgres URLs and key=value strings, folders, and mistyped schemes", () => {
    for (const value of [
      "postgres://u@h/db",
      "POSTGRESQL://h/db",
      "host=localhost port=5 dbname=x user=u password=S3cr3t",
      "dbname = 'my db'",
    ]) {
      expect(classifyStoreLocation(value), value).toBe("postgres");
    }
    for (const value of ["./store", "store", "/var/events", "C:/events", "a=b", "notes:2024", ""]) {
      expect(classifyStoreLocation(value), value).toBe("path");
    }
    for (const [value, scheme] of [
      ["postgress://u:pw-S3cr3t@host/db", "postgress:"],
      ["postgresql:/x", "postgresql:"],
      ["postgres:x", "postgres:"],
      ["http://u:pw-S3cr3t@host/db", "http:"],
      ["file:///tmp/x", "file:"],
    ] as const) {
      let error: unknown;
      try {
        classifyStoreLocation(value);
      } catch (caught) {
        error = caught;
      }
      expect(isPostgresConnectionStringError(error), value).toBe(true);
      expect(error).toMatchObject({ scheme });
      expectHidden(everyRendering(error), "pw-S3cr3t", value);
    }
  });
});
