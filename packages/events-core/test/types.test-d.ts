import { describe, expectTypeOf, it } from "vitest";
import {
  EVENT_TYPES,
  type Event,
  type EventData,
  EventEmitter,
  type EventPayload,
  type EventPayloadMap,
  type EventRecord,
  type EventStorage,
  EventType,
  hasErrorCode,
  type JsonValue,
  type StorageError,
  type WatchGapError,
} from "../src/index.js";

type SpecType =
  | "audit_started"
  | "audit_completed"
  | "audit_abandoned"
  | "phase_started"
  | "phase_completed"
  | "phase_failed"
  | "phase_skipped"
  | "verification_passed"
  | "verification_failed"
  | "file_created"
  | "file_modified"
  | "file_deleted";

describe("EventType", () => {
  it("is the union of the 12 spec values", () => {
    expectTypeOf<EventType>().toEqualTypeOf<SpecType>();
    expectTypeOf(EventType.PHASE_COMPLETED).toEqualTypeOf<"phase_completed">();
    expectTypeOf(EVENT_TYPES).toEqualTypeOf<readonly EventType[]>();
  });
});

describe("emit", () => {
  const emitter = new EventEmitter();
  const id = "a";

  it("resolves with an Event of the emitted type", () => {
    expectTypeOf(
      emitter.emit(EventType.PHASE_STARTED, id, {
        phase: 1,
        data: { description: "d", file: "f" },
      }),
    ).resolves.toEqualTypeOf<Event<"phase_started">>();
  });

  it("types options.data to the payload of the type", () => {
    const data = expectTypeOf(emitter.emit<"audit_started">)
      .parameter(2)
      .toHaveProperty("data");
    data.toHaveProperty("phases_total").toEqualTypeOf<number>();
    data.toHaveProperty("project").toEqualTypeOf<string>();
    data.toHaveProperty("git_branch").toEqualTypeOf<string | undefined>();

    const wrongField = () =>
      emitter.emit(EventType.AUDIT_STARTED, id, {
        // @ts-expect-error phases_total is a number
        data: { project: "Phaser", slug: "v1.2", phases_total: "six" },
      });
    const wrongExitCode = () =>
      emitter.emit(EventType.VERIFICATION_PASSED, id, {
        phase: 1,
        // @ts-expect-error a passed verification has exit_code 0
        data: { command: "true", exit_code: 1, duration_ms: 3 },
      });
    const wrongReason = () =>
      emitter.emit(EventType.PHASE_SKIPPED, id, {
        phase: 1,
        // @ts-expect-error reason is user_request or dependency_failed
        data: { reason: "bored" },
      });
    expectTypeOf(wrongField).toBeFunction();
    expectTypeOf(wrongExitCode).toBeFunction();
    expectTypeOf(wrongReason).toBeFunction();
  });

  it("requires every required field of a literal type", () => {
    // @ts-expect-error a phase_failed payload (error, attempts, duration_seconds) is required
    const noData = () => emitter.emit("phase_failed", id, { phase: 1 });
    // @ts-expect-error the options, with a complete payload, are required
    const noOptions = () => emitter.emit("audit_completed", id);
    const missingField = () =>
      emitter.emit("phase_failed", id, {
        phase: 1,
        // @ts-expect-error duration_seconds is missing
        data: { error: "boom", attempts: 2 },
      });
    const missingRequired = () =>
      emitter.emit("audit_started", id, {
        // @ts-expect-error phases_total is required; git_branch and git_commit are optional
        data: { project: "p", slug: "s", git_branch: "main" },
      });
    expectTypeOf(noData).toBeFunction();
    expectTypeOf(noOptions).toBeFunction();
    expectTypeOf(missingField).toBeFunction();
    expectTypeOf(missingRequired).toBeFunction();
  });

  it("accepts complete payloads, optional fields left out, and extra fields", () => {
    expectTypeOf(emitter.emit<"phase_started">).toBeCallableWith("phase_started", id, {
      phase: 1,
      data: { description: "Setup", file: "01.md", extra: { any: ["json"] } },
    });
    expectTypeOf(emitter.emit<"audit_started">).toBeCallableWith("audit_started", id, {
      data: { project: "p", slug: "s", phases_total: 3 },
    });
    expectTypeOf(emitter.emit<"audit_completed">).toBeCallableWith("audit_completed", id, {
      data: {
        duration_seconds: 1.5,
        phases_completed: 1,
        phases_skipped: 0,
        files_created: 0,
        files_modified: 0,
        files_deleted: 0,
      },
    });
    expectTypeOf(emitter.emit<"phase_failed">).toBeCallableWith("phase_failed", id, {
      phase: 2,
      data: { error: "boom", attempts: 2, duration_seconds: 3 },
    });
  });

  it("takes any data for a type only known at run time", () => {
    const type = "phase_failed" as EventType;
    expectTypeOf(emitter.emit(type, id, { phase: 1 })).resolves.toEqualTypeOf<Event>();
    expectTypeOf(emitter.emit(type, id)).resolves.toEqualTypeOf<Event>();
    expectTypeOf(
      emitter.emit(type, id, { phase: 1, data: { anything: [1] } }),
    ).resolves.toEqualTypeOf<Event<EventType>>();
  });

  it("does not accept an unknown type", () => {
    // @ts-expect-error not one of the 12 types
    const unknownType = () => emitter.emit("phase_exploded", id, { data: {} });
    expectTypeOf(unknownType).toBeFunction();
  });
});

describe("EventPayloadMap", () => {
  type Started = EventPayloadMap["audit_started"];
  type IsOptional<T, K extends keyof T> = object extends Pick<T, K> ? true : false;

  it("makes the spec's optional fields optional and the others required", () => {
    expectTypeOf<Started["git_branch"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<IsOptional<Started, "git_branch">>().toEqualTypeOf<true>();
    expectTypeOf<IsOptional<Started, "git_commit">>().toEqualTypeOf<true>();
    expectTypeOf<IsOptional<Started, "project">>().toEqualTypeOf<false>();
    expectTypeOf<IsOptional<Started, "phases_total">>().toEqualTypeOf<false>();
    expectTypeOf<Started["phases_total"]>().toEqualTypeOf<number>();
  });

  it("derives each field's type from its kind", () => {
    expectTypeOf<EventPayloadMap["verification_passed"]["exit_code"]>().toEqualTypeOf<0>();
    expectTypeOf<EventPayloadMap["verification_failed"]["exit_code"]>().toEqualTypeOf<number>();
    expectTypeOf<EventPayloadMap["phase_skipped"]["reason"]>().toEqualTypeOf<
      "user_request" | "dependency_failed"
    >();
    expectTypeOf<keyof EventPayloadMap["file_deleted"]>().toEqualTypeOf<"path">();
    expectTypeOf<EventPayloadMap["file_deleted"]["path"]>().toEqualTypeOf<string>();
    expectTypeOf<EventPayload<"phase_failed">>().toEqualTypeOf<EventPayloadMap["phase_failed"]>();
  });
});

describe("Event", () => {
  it("types data by event type", () => {
    expectTypeOf<Event<"phase_started">["data"]["description"]>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<Event<"file_modified">["data"]["lines_added"]>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<Event<"audit_abandoned">["data"]["reason"]>().toEqualTypeOf<
      "user_request" | "error" | "timeout" | undefined
    >();
    expectTypeOf<EventData<"phase_started">["unknown_extra"]>().toEqualTypeOf<JsonValue>();
  });

  it("is read-only", () => {
    expectTypeOf<Event>().toHaveProperty("phase").toEqualTypeOf<number | null>();
    const assign = (event: Event) => {
      // @ts-expect-error id is readonly
      event.id = "x";
    };
    expectTypeOf(assign).toBeFunction();
  });

  it("toDict returns an EventRecord", () => {
    expectTypeOf<Event["toDict"]>().returns.toEqualTypeOf<EventRecord>();
  });
});

describe("EventStorage", () => {
  it("has the port's members", () => {
    expectTypeOf<EventStorage["appendEvent"]>().toEqualTypeOf<
      (record: EventRecord) => Promise<void>
    >();
    expectTypeOf<EventStorage["getEvents"]>().returns.toEqualTypeOf<Promise<EventRecord[]>>();
    expectTypeOf<EventStorage["clearEvents"]>().returns.toEqualTypeOf<Promise<number>>();
  });
});

describe("errors", () => {
  it("hasErrorCode narrows the code to the literal asked for", () => {
    const check = (error: unknown) => {
      if (hasErrorCode(error, "LOCK_TIMEOUT")) {
        expectTypeOf(error.code).toEqualTypeOf<"LOCK_TIMEOUT">();
        expectTypeOf(error).toMatchTypeOf<Error>();
      }
      if (hasErrorCode(error)) expectTypeOf(error.code).toEqualTypeOf<string>();
    };
    expectTypeOf(check).toBeFunction();
  });

  it("StorageError is the family; each subclass carries its literal code", () => {
    expectTypeOf<StorageError["code"]>().toEqualTypeOf<string>();
    expectTypeOf<StorageError<"LOCK_TIMEOUT">["code"]>().toEqualTypeOf<"LOCK_TIMEOUT">();
    expectTypeOf<WatchGapError["code"]>().toEqualTypeOf<"WATCH_GAP">();
    expectTypeOf<WatchGapError>().toMatchTypeOf<StorageError>();
  });
});
