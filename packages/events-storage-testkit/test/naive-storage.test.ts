import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runStorageConformance } from "../src/index.js";
import { NaiveStorage } from "./naive-storage.js";

runStorageConformance({ describe, it, expect, beforeEach, afterEach }, () => new NaiveStorage(), {
  name: "a naive reference store",
  createRetentionStorage: (options) => new NaiveStorage(options),
});
