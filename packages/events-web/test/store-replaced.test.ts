import { rmSync } from "node:fs";
import { join } from "node:path";
import { isWatchResetError } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { describe, expect, it } from "vitest";
import { auditRecords, later, serve, tempDir } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

interface Audits {
  readonly position: number;
  readonly audits: readonly { readonly auditId: string }[];
}

/** A JSON store at `path` that is closed after the test. */
function jsonStore(path: string): JsonFileStorage {
  const storage = new JsonFileStorage({ path });
  later(() => storage.close());
  return storage;
}

describe("a JSON store deleted and made anew while the server follows it", () => {
  it("ends every stream with reset, then answers with the new store: its audits, records and position", async () => {
    const path = join(tempDir(), "events.json");
    const old = auditRecords("old-audit");
    await jsonStore(path).appendEvents(old);
    const errors: Error[] = [];
    const server = await serve(jsonStore(path), { onError: (error) => errors.push(error) });
    const before = (await send(server.url, "/api/audits")).json<Audits>();
    expect(before.position).toBe(old.length);
    const stream = await openStream(server.url);

    rmSync(path);
    const fresh = auditRecords("new-audit").slice(0, 3);
    await jsonStore(path).appendEvents(fresh);

    const [reset] = await stream.untilEvents<{ position: number }>("reset", 1);
    await stream.ended;
    expect(reset).toEqual({ position: 3 });
    const after = (await send(server.url, "/api/audits")).json<Audits>();
    expect(after.position).toBe(3);
    expect(after.audits.map((row) => row.auditId)).toEqual(["new-audit"]);
    const audit = await send(server.url, "/api/audit?id=new-audit");
    expect(audit.status).toBe(200);
    expect(audit.json<{ events: unknown[] }>().events).toHaveLength(3);
    expect(errors.filter(isWatchResetError)).toHaveLength(1);

    // Then it follows the new store as any other.
    const next = await openStream(server.url, "/api/stream?after=3");
    const added = auditRecords("new-audit").slice(3, 4);
    await new JsonFileStorage({ path }).appendEvents(added);
    const [record] = await next.untilRecords(1);
    expect(record).toMatchObject({ seq: 4, record: { id: added[0]?.id } });
    next.close();
  });

  it("a page that polls from the old position is told to reset", async () => {
    const path = join(tempDir(), "events.json");
    await jsonStore(path).appendEvents(auditRecords("old-audit"));
    const server = await serve(jsonStore(path));
    const { position } = (await send(server.url, "/api/audits")).json<Audits>();
    rmSync(path);
    await jsonStore(path).appendEvents(auditRecords("new-audit").slice(0, 2));
    await expect
      .poll(async () => (await send(server.url, `/api/events?after=${position}`)).json<object>())
      .toMatchObject({ events: [], last: 2, reset: true });
  });
});
