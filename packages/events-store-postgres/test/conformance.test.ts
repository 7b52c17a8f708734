import { runStorageConformance } from "@phaser/events-storage-testkit";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freshDatabase, freshStorage, noServer } from "./helpers.js";

describe.skipIf(noServer)("PostgresStorage", () => {
  let url = "";
  beforeAll(async () => {
    url = await freshDatabase("conformance");
  });

  runStorageConformance({ describe, it, expect, beforeEach, afterEach }, () => freshStorage(url), {
    name: "PostgresStorage",
    watch: true,
  });
});
