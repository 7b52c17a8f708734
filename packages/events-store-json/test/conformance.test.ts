import { runStorageConformance } from "@phaser/events-storage-testkit";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

runStorageConformance(
  { describe, it, expect, beforeEach, afterEach },
  () => new JsonFileStorage({ dir: tempDir() }),
  {
    name: "JsonFileStorage",
    reopen: (storage) => new JsonFileStorage({ path: (storage as JsonFileStorage).path }),
    createRetentionStorage: (options) => new JsonFileStorage({ dir: tempDir(), ...options }),
  },
);

afterAll(removeTempDirs);
