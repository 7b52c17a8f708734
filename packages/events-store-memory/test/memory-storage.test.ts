import { runStorageConformance } from "@phaser/events-storage-testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryStorage } from "../src/index.js";

runStorageConformance({ describe, it, expect, beforeEach, afterEach }, () => new MemoryStorage(), {
  name: "MemoryStorage",
});
