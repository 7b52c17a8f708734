import { describe, expect, it } from "vitest";
import {
  EventValidationError,
  hasErrorCode,
  InvalidQueryError,
  isEventValidationError,
  isInvalidQueryError,
  isStorageError,
  isStorageNotConfiguredError,
  isUnknownEventTypeError,
  isWatchGapError,
  StorageError,
  StorageNotConfiguredError,
  UnknownEventTypeError,
  WatchGapError,
} from "../src/index.js";

/** A store's own error, as a store package declares one. */
class LockTimeoutError extends StorageError<"LOCK_TIMEOUT"> {
  override readonly name = "LockTimeoutError";
  override readonly code = "LOCK_TIMEOUT" as const;
}

/** Each guard, an error of its own kind, and its code. */
const GUARDS = [
  {
    name: "isEventValidationError",
    guard: isEventValidationError,
    error: new EventValidationError([{ field: "id", message: "bad" }]),
    code: "EVENT_VALIDATION_ERROR",
  },
  {
    name: "isInvalidQueryError",
    guard: isInvalidQueryError,
    error: new InvalidQueryError("limit", "bad"),
    code: "INVALID_QUERY",
  },
  {
    name: "isStorageNotConfiguredError",
    guard: isStorageNotConfiguredError,
    error: new StorageNotConfiguredError(),
    code: "STORAGE_NOT_CONFIGURED",
  },
  {
    name: "isUnknownEventTypeError",
    guard: isUnknownEventTypeError,
    error: new UnknownEventTypeError("phase_paused"),
    code: "UNKNOWN_EVENT_TYPE",
  },
  {
    name: "isWatchGapError",
    guard: isWatchGapError,
    error: new WatchGapError(2, 7),
    code: "WATCH_GAP",
  },
] as const;

const NOT_ERRORS: unknown[] = [
  null,
  undefined,
  "EVENT_VALIDATION_ERROR",
  42,
  {},
  [],
  new Error("x"),
];

describe("hasErrorCode", () => {
  it("without a code: any object whose code is a string", () => {
    expect(hasErrorCode(new StorageError("x"))).toBe(true);
    expect(hasErrorCode({ code: "" })).toBe(true);
    expect(hasErrorCode(Object.assign(new Error("fs"), { code: "ENOENT" }))).toBe(true);
    for (const value of [...NOT_ERRORS, { code: 5 }, { code: null }]) {
      expect(hasErrorCode(value), String(value)).toBe(false);
    }
  });

  it("with a code: exactly that code", () => {
    expect(hasErrorCode({ code: "WATCH_GAP" }, "WATCH_GAP")).toBe(true);
    expect(hasErrorCode({ code: "WATCH_GAP" }, "watch_gap")).toBe(false);
    expect(hasErrorCode({ code: "WATCH_GAP" }, "")).toBe(false);
    expect(hasErrorCode(new WatchGapError(1, 0), "STORAGE_ERROR")).toBe(false);
    for (const value of NOT_ERRORS) expect(hasErrorCode(value, "X")).toBe(false);
  });
});

describe.each(GUARDS)("$name", ({ guard, error, code }) => {
  it("recognises its own error, with its stable code", () => {
    expect(error.code).toBe(code);
    expect(guard(error)).toBe(true);
    expect(hasErrorCode(error, code)).toBe(true);
  });

  it("recognises the same error from a second copy of the package (a plain object with the code)", () => {
    expect(guard({ code })).toBe(true);
    expect(guard(Object.assign(new Error("from elsewhere"), { code }))).toBe(true);
  });

  it("refuses every other code and every non-error", () => {
    for (const other of GUARDS) {
      if (other.code !== code) {
        expect(guard(other.error), other.name).toBe(false);
        expect(guard({ code: other.code })).toBe(false);
      }
    }
    for (const value of [...NOT_ERRORS, { code: code.toLowerCase() }]) {
      expect(guard(value), String(value)).toBe(false);
    }
  });
});

describe("isStorageError", () => {
  it("recognises StorageError and every subclass, whatever its code", () => {
    const base = new StorageError("disk full", { store: "json", path: "/tmp/x" });
    const lock = new LockTimeoutError("lock held", { store: "json" });
    const gap = new WatchGapError(3, 9, { store: "json" });
    for (const error of [base, lock, gap]) expect(isStorageError(error), error.name).toBe(true);
    expect([base.code, lock.code, gap.code]).toEqual([
      "STORAGE_ERROR",
      "LOCK_TIMEOUT",
      "WATCH_GAP",
    ]);
    expect(lock).toBeInstanceOf(StorageError);
    expect(hasErrorCode(lock, "LOCK_TIMEOUT")).toBe(true);
    expect(lock).toMatchObject({ name: "LockTimeoutError", store: "json", path: undefined });
  });

  it("recognises a subclass from a second copy: a coded object with the family's brand", () => {
    expect(isStorageError({ code: "LOCK_TIMEOUT", isPhaserStorageError: true })).toBe(true);
    expect(isStorageError({ code: "STORAGE_ERROR", isPhaserStorageError: true })).toBe(true);
  });

  it("refuses coded errors of other families and brands without a code", () => {
    for (const value of [
      ...NOT_ERRORS,
      { code: "STORAGE_ERROR" },
      { code: "LOCK_TIMEOUT", isPhaserStorageError: "yes" },
      { isPhaserStorageError: true },
      { code: 1, isPhaserStorageError: true },
      new EventValidationError([]),
      new InvalidQueryError("x", "y"),
      new StorageNotConfiguredError(),
      new UnknownEventTypeError("x"),
    ]) {
      expect(isStorageError(value), JSON.stringify(value)).toBe(false);
    }
  });

  it("keeps the cause, the path and the store", () => {
    const cause = new Error("EACCES");
    const error = new StorageError("cannot write", {
      cause,
      path: "/data/events.json",
      store: "json",
    });
    expect(error).toMatchObject({ cause, path: "/data/events.json", store: "json" });
    expect(error.message).toBe("cannot write");
    expect("cause" in new StorageError("no cause")).toBe(false);
  });
});

describe("WatchGapError", () => {
  it("says how many records it missed, and after which position", () => {
    const error = new WatchGapError(4, 12, { store: "memory" });
    expect(error).toMatchObject({
      missed: 4,
      afterSeq: 12,
      store: "memory",
      name: "WatchGapError",
    });
    expect(error.message).toContain("missed 4 record(s) after position 12");
  });
});
