import { describe, expectTypeOf, it } from "vitest";
import {
  EVENT_TYPES,
  type Event,
  type EventData,
  EventEmitter,
  type EventRecord,
  type EventStorage,
  EventType,
  type JsonValue,
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

  it("resolves with an Event of the emitted type", () => {
    expectTypeOf(emitter.emit(EventType.PHASE_STARTED, "a", { phase: 1 })).resolves.toEqualTypeOf<
      Event<"phase_started">
    >();
  });

  it("types options.data to the payload of the type", () => {
    expectTypeOf(emitter.emit<"audit_started">)
      .parameter(2)
      .exclude<undefined>()
      .toHaveProperty("data")
      .exclude<undefined>()
      .toHaveProperty("phases_total")
      .toEqualTypeOf<number | undefined>();

    const wrongField = () =>
      emitter.emit(EventType.AUDIT_STARTED, "a", {
        // @ts-expect-error phases_total is a number
        data: { project: "Phaser", slug: "v1.2", phases_total: "six" },
      });
    const wrongExitCode = () =>
      emitter.emit(EventType.VERIFICATION_PASSED, "a", {
        phase: 1,
        // @ts-expect-error a passed verification has exit_code 0
        data: { command: "true", exit_code: 1, duration_ms: 3 },
      });
    const wrongReason = () =>
      emitter.emit(EventType.PHASE_SKIPPED, "a", {
        phase: 1,
        // @ts-expect-error reason is user_request or dependency_failed
        data: { reason: "bored" },
      });
    expectTypeOf(wrongField).toBeFunction();
    expectTypeOf(wrongExitCode).toBeFunction();
    expectTypeOf(wrongReason).toBeFunction();
  });

  it("accepts partial payloads and extra fields", () => {
    expectTypeOf(emitter.emit<"phase_started">).toBeCallableWith("phase_started", "a", {
      phase: 1,
      data: { description: "Setup", extra: { any: ["json"] } },
    });
    expectTypeOf(emitter.emit<"audit_completed">).toBeCallableWith("audit_completed", "a");
  });

  it("does not accept an unknown type", () => {
    // @ts-expect-error not one of the 12 types
    const unknownType = () => emitter.emit("phase_exploded", "a");
    expectTypeOf(unknownType).toBeFunction();
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
