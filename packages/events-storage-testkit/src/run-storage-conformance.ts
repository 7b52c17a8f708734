import type { EventStorage } from "@phaser/events-core";
import { appendCases } from "./cases/append.js";
import { clearCases } from "./cases/clear.js";
import { compatibilityCases } from "./cases/compatibility.js";
import { concurrencyCases } from "./cases/concurrency.js";
import { listAuditsCases } from "./cases/list-audits.js";
import { openCases } from "./cases/open.js";
import { orderCases } from "./cases/order.js";
import { orderDescCases } from "./cases/order-desc.js";
import { queryCases } from "./cases/query.js";
import { retentionCases } from "./cases/retention.js";
import { watchCases } from "./cases/watch.js";
import { watchClearCases } from "./cases/watch-clear.js";
import { watchGapCases } from "./cases/watch-gaps.js";
import { watchPositionCases } from "./cases/watch-positions.js";
import { watchReadyCases } from "./cases/watch-ready.js";
import { watchReopenCases } from "./cases/watch-reopen.js";
import { watchRetentionCases } from "./cases/watch-retention.js";
import type { ConformanceOptions, StorageFactory, SuiteContext, TestApi } from "./context.js";

/**
 * Registers the conformance suite every `EventStorage` must pass. Call it from
 * a test file of the store with vitest's functions and a factory that makes a
 * fresh, empty store; then add the store's own `describe` blocks beside it.
 *
 * ```ts
 * import { afterEach, beforeEach, describe, expect, it } from "vitest";
 * runStorageConformance({ describe, it, expect, beforeEach, afterEach }, () => new MemoryStorage());
 * ```
 */
export function runStorageConformance(
  api: TestApi,
  createStorage: StorageFactory,
  options: ConformanceOptions = {},
): void {
  let current: EventStorage | undefined;
  const reopenWith = options.reopen;
  const reopenCurrent = async (): Promise<EventStorage> => {
    const closed = current;
    if (closed === undefined || reopenWith === undefined)
      throw new Error("the conformance suite has no store to reopen");
    current = undefined;
    await closed.close?.();
    current = await reopenWith(closed);
    return current;
  };
  const context: SuiteContext = {
    api,
    storage() {
      if (current === undefined)
        throw new Error("the conformance suite has no store for this test");
      return current;
    },
    largeTimeout: options.largeTimeout ?? 60_000,
    createRetentionStorage: options.createRetentionStorage,
    watch: options.watch ?? true,
    listAudits: options.listAudits ?? true,
    open: options.open ?? true,
    reopen: reopenWith === undefined ? undefined : reopenCurrent,
    watchGaps: options.watchGaps ?? true,
  };

  api.describe(`EventStorage conformance${options.name ? `: ${options.name}` : ""}`, () => {
    api.beforeEach(async () => {
      current = await createStorage();
    });
    api.afterEach(async () => {
      const storage = current;
      current = undefined;
      await storage?.close?.();
    });
    appendCases(context);
    queryCases(context);
    orderCases(context);
    orderDescCases(context);
    listAuditsCases(context);
    openCases(context);
    clearCases(context);
    concurrencyCases(context);
    compatibilityCases(context);
    retentionCases(context);
    watchCases(context);
    watchReadyCases(context);
    watchClearCases(context);
    watchPositionCases(context);
    watchRetentionCases(context);
    watchGapCases(context);
    watchReopenCases(context);
  });
}
