import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { expect } from "vitest";
import { JsonFileStorage } from "../../src/index.js";
import { RECORD_LIMIT_FOR_TESTS } from "../../src/limits.js";
import { tempDir } from "../helpers.js";

/** A store at `path` whose record limit is `limit` bytes (the default when undefined). */
export function storeWithLimit(path: string, limit: number | undefined): JsonFileStorage {
  const options = limit === undefined ? { path } : { path, [RECORD_LIMIT_FOR_TESTS]: limit };
  return new JsonFileStorage(options);
}

/** What `promise` rejected with; undefined when it resolved. */
export async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (e: unknown) => e as { code?: string; message?: string; bytes?: unknown; limit?: unknown },
  );
}

/** A store file holding one record, and its bytes. */
export async function storeWithOneRecord() {
  const path = join(tempDir(), "events.json");
  const seed = makeRecord();
  await new JsonFileStorage({ path }).appendEvent(seed);
  return { path, seed, bytes: readFileSync(path) };
}

/**
 * Appends a record of one byte more than `limit` (refused, the file untouched),
 * then one of exactly `limit` bytes and another after it; a fresh store reads
 * all three back. `limit` undefined: the default, `MAX_RECORD_BYTES`.
 */
export async function acceptsExactlyTheLimit(limit: number | undefined, bytes: number) {
  const { path, seed } = await storeWithOneRecord();
  const storage = storeWithLimit(path, limit);
  const empty = makeRecord({ data: { blob: "" } });
  const room = bytes - Buffer.byteLength(JSON.stringify(empty));
  const over = makeRecord({ data: { blob: "o".repeat(room + 1) } });
  const before = readFileSync(path);
  const error = await rejection(storage.appendEvent(over));
  expect(error?.code, error?.message).toBe("RECORD_TOO_LARGE");
  expect(readFileSync(path).equals(before)).toBe(true);

  const exact = { ...empty, data: { blob: "e".repeat(room) } };
  expect(Buffer.byteLength(JSON.stringify(exact))).toBe(bytes);
  await storage.appendEvent(exact);
  const after = makeRecord();
  await storage.appendEvent(after);
  const read = await new JsonFileStorage({ path }).getEvents();
  expect(read.map((record) => record.id)).toEqual([seed.id, exact.id, after.id]);
  expect(read[1]?.data).toEqual(exact.data);
}
