import { runStorageConformance } from "@phaser/events-storage-testkit";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PostgresStorage } from "../src/index.js";
import { freshDatabase, freshStorage, noServer } from "./helpers.js";

describe.skipIf(noServer)("PostgresStorage", () => {
  let url = "";
  beforeAll(async () => {
    url = await freshDatabase("conformance");
  });

  runStorageConformance({ describe, it, expect, beforeEach, afterEach }, () => freshStorage(url), {
    name: "PostgresStorage",
    // Not yet: a watch reads `WHERE seq > last`, and bigserial leaves holes of its own
    // (rolled-back and ON CONFLICT inserts), so a hole alone cannot say records were removed.
    watchGaps: false,
    // A restarted process: a new store on the same schema.
    reopen: (storage) =>
      new PostgresStorage({ connectionString: url, schema: (storage as PostgresStorage).schema }),
  });
});
