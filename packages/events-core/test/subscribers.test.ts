import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EventEmitter, EventType } from "../src/index.js";
import { AUDIT_ID, createFakeStorage, nextTurn, validData, validOptions } from "./helpers.js";

const started = { data: validData("audit_started") };
const completed = { data: validData("audit_completed") };

describe("subscribe and unsubscribe", () => {
  it("subscribing the same function twice calls it once per event", async () => {
    const emitter = new EventEmitter();
    const subscriber = vi.fn();
    emitter.subscribe(subscriber);
    emitter.subscribe(subscriber);
    await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    await emitter.emit(EventType.AUDIT_COMPLETED, AUDIT_ID, completed);
    expect(subscriber).toHaveBeenCalledTimes(2);
  });

  it("keeps the first subscription's place when subscribed again", async () => {
    const log: string[] = [];
    const a = () => log.push("a");
    const b = () => log.push("b");
    const emitter = new EventEmitter();
    emitter.subscribe(a);
    emitter.subscribe(b);
    emitter.subscribe(a);
    await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    expect(log).toEqual(["a", "b"]);
  });

  it("subscribe returns a function that unsubscribes", async () => {
    const emitter = new EventEmitter();
    const subscriber = vi.fn();
    const off = emitter.subscribe(subscriber);
    await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    off();
    off();
    await emitter.emit(EventType.AUDIT_COMPLETED, AUDIT_ID, completed);
    expect(subscriber).toHaveBeenCalledTimes(1);
  });

  it("unsubscribe(callback) removes only that callback", async () => {
    const emitter = new EventEmitter();
    const kept = vi.fn();
    const removed = vi.fn();
    emitter.subscribe(removed);
    emitter.subscribe(kept);
    emitter.unsubscribe(removed);
    emitter.unsubscribe(() => {});
    await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    expect(removed).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
  });

  it("refuses a subscriber that is not a function with a TypeError (a programmer's mistake)", () => {
    const emitter = new EventEmitter();
    expect(() => emitter.subscribe("nope" as unknown as () => void)).toThrow(
      new TypeError("subscribe(callback): callback must be a function (got string)"),
    );
  });
});

describe("subscriber errors", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(() => {
    unhandled.length = 0;
    process.on("unhandledRejection", onUnhandled);
  });
  afterEach(() => {
    process.off("unhandledRejection", onUnhandled);
    vi.restoreAllMocks();
  });

  it("a throwing subscriber goes to onSubscriberError; the others and the emit go on", async () => {
    const failure = new Error("subscriber broke");
    const onSubscriberError = vi.fn();
    const emitter = new EventEmitter({ storage: createFakeStorage(), onSubscriberError });
    const log: string[] = [];
    emitter.subscribe(() => log.push("before"));
    emitter.subscribe(() => {
      throw failure;
    });
    emitter.subscribe(() => log.push("after"));

    const event = await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    expect(log).toEqual(["before", "after"]);
    expect(onSubscriberError).toHaveBeenCalledTimes(1);
    expect(onSubscriberError).toHaveBeenCalledWith(failure, event);
    expect(onSubscriberError.mock.calls[0]?.[1]).toBe(event);
  });

  it("a subscriber's rejected promise goes to onSubscriberError with no unhandled rejection", async () => {
    const failure = new Error("async subscriber broke");
    const onSubscriberError = vi.fn();
    const emitter = new EventEmitter({ onSubscriberError });
    const after = vi.fn();
    emitter.subscribe(async () => {
      throw failure;
    });
    emitter.subscribe(after);

    const event = await emitter.emit(EventType.PHASE_SKIPPED, AUDIT_ID, {
      phase: 4,
      data: { reason: "user_request" },
    });
    await nextTurn();
    expect(after).toHaveBeenCalledWith(event);
    expect(onSubscriberError).toHaveBeenCalledTimes(1);
    expect(onSubscriberError).toHaveBeenCalledWith(failure, event);
    expect(unhandled).toEqual([]);
  });

  it("the default handler logs the event type and id to stderr", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const emitter = new EventEmitter();
    const failure = new Error("boom");
    emitter.subscribe(() => {
      throw failure;
    });
    emitter.subscribe(() => Promise.reject(failure));

    const event = await emitter.emit(
      EventType.FILE_DELETED,
      AUDIT_ID,
      validOptions("file_deleted"),
    );
    await nextTurn();
    expect(consoleError).toHaveBeenCalledTimes(2);
    for (const call of consoleError.mock.calls) {
      const message = call.map(String).join(" ");
      expect(message).toContain("file_deleted");
      expect(message).toContain(event.id);
      expect(call).toContain(failure);
    }
    expect(unhandled).toEqual([]);
  });

  it("an onSubscriberError that throws falls back to the default log, not to the emit", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const emitter = new EventEmitter({
      onSubscriberError: () => {
        throw new Error("handler broke too");
      },
    });
    emitter.subscribe(() => {
      throw new Error("boom");
    });
    emitter.subscribe(async () => {
      throw new Error("async boom");
    });
    const event = await emitter.emit(EventType.AUDIT_STARTED, AUDIT_ID, started);
    await nextTurn();
    expect(consoleError).toHaveBeenCalledTimes(2);
    expect(String(consoleError.mock.calls[0]?.[0])).toContain(event.id);
    expect(unhandled).toEqual([]);
  });
});
