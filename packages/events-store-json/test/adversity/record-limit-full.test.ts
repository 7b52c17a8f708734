// CI only (PHASER_FULL_TRIALS=1, see vitest.config.ts): it writes and reads back 64 MiB. In
// `pnpm test`, record-limit.test.ts proves the same at a 64 KiB limit, and that the default
// limit is MAX_RECORD_BYTES.
import { afterAll, describe, expect, it } from "vitest";
import { MAX_RECORD_BYTES } from "../../src/index.js";
import { removeTempDirs } from "../helpers.js";
import { acceptsExactlyTheLimit } from "./record-limit-helpers.js";

afterAll(removeTempDirs);

describe("the size limit of one record (64 MiB of JSON), at full size", () => {
  it("accepts a record of exactly the limit, which a fresh store reads back, and refuses one byte more", async () => {
    expect(MAX_RECORD_BYTES).toBe(64 * 1024 * 1024);
    await acceptsExactlyTheLimit(undefined, MAX_RECORD_BYTES);
    // It writes and reads back 64 MiB: 4 s on an idle machine, 31 s with two `yes` on its two cores.
  }, 120_000);
});
