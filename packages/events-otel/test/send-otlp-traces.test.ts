import { afterEach, describe, expect, it } from "vitest";
import { OtlpExportError, sendOtlpTraces, toOtlpTraces, tracesUrl } from "../src/index.js";
import { startReceiver } from "./receiver.js";
import { failedAudit } from "./records.js";

const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

async function receiver(...answers: Parameters<typeof startReceiver>[0]) {
  const started = await startReceiver(answers);
  receivers.push(started);
  return started;
}

const request = toOtlpTraces(failedAudit().records);

describe("sendOtlpTraces", () => {
  it("POSTs the request as OTLP/JSON to /v1/traces with the headers given, once", async () => {
    const collector = await receiver({ status: 200 });
    const result = await sendOtlpTraces(request, {
      endpoint: `${collector.url}/`,
      headers: { authorization: "Bearer t0ken", "x-team": "web" },
    });
    expect(result).toEqual({
      url: `${collector.url}/v1/traces`,
      status: 200,
      attempts: 1,
      rejectedSpans: 0,
    });
    expect(collector.requests).toHaveLength(1);
    const [received] = collector.requests;
    expect(received?.method).toBe("POST");
    expect(received?.path).toBe("/v1/traces");
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(received?.headers.authorization).toBe("Bearer t0ken");
    expect(received?.headers["x-team"]).toBe("web");
    expect(JSON.parse(received?.body ?? "")).toEqual(request);
  });

  it("retries a 503 and a 429 after the delay the collector asks for", async () => {
    const collector = await receiver(
      { status: 503, headers: { "retry-after": "0" } },
      { status: 429, headers: { "retry-after": "0" } },
      { status: 200 },
    );
    const retries: string[] = [];
    const result = await sendOtlpTraces(request, {
      endpoint: collector.url,
      retryDelayMs: 60_000, // Retry-After: 0 wins
      onRetry: (reason, delay) => retries.push(`${reason} ${delay}`),
    });
    expect(result.attempts).toBe(3);
    expect(retries).toEqual(["503 Service Unavailable 0", "429 Too Many Requests 0"]);
    expect(collector.requests.map((r) => r.body)).toEqual(Array(3).fill(JSON.stringify(request)));
  });

  it("fails at once on a 400, naming the URL, the status and the collector's reason", async () => {
    const collector = await receiver({
      status: 400,
      body: '{"code":3,"message":"invalid span id"}',
    });
    const error = await sendOtlpTraces(request, { endpoint: collector.url }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OtlpExportError);
    expect((error as OtlpExportError).status).toBe(400);
    expect((error as Error).message).toBe(
      `the collector at ${collector.url}/v1/traces refused the traces: 400 Bad Request: {"code":3,"message":"invalid span id"}`,
    );
    expect(collector.requests).toHaveLength(1);
  });

  it("gives up after its attempts, and reports spans a partial success rejected", async () => {
    const busy = await receiver({ status: 503 });
    const error = await sendOtlpTraces(request, {
      endpoint: busy.url,
      attempts: 2,
      retryDelayMs: 1,
    }).catch((e: unknown) => e as Error);
    expect(error.message).toMatch(/refused the traces: 503 Service Unavailable \(2 attempts\)$/);
    expect(busy.requests).toHaveLength(2);

    const partial = await receiver({
      status: 200,
      body: '{"partialSuccess":{"rejectedSpans":"2","errorMessage":"too old"}}',
    });
    const result = await sendOtlpTraces(request, { endpoint: `${partial.url}/v1/traces` });
    expect(result).toMatchObject({
      rejectedSpans: 2,
      message: "too old",
      url: `${partial.url}/v1/traces`,
    });
  });

  it("retries when nothing answers, then says why", async () => {
    const gone = await receiver({ status: 200 });
    await gone.close();
    const error = await sendOtlpTraces(request, {
      endpoint: gone.url,
      attempts: 2,
      retryDelayMs: 1,
    }).catch((e: unknown) => e as Error);
    expect(error.message).toBe(
      `could not send the traces to ${gone.url}/v1/traces in 2 attempts: ECONNREFUSED`,
    );
  });

  it("refuses an endpoint that is not an http(s) URL", () => {
    expect(() => tracesUrl("localhost:4318")).toThrow(TypeError);
    expect(() => tracesUrl("file:///tmp/x")).toThrow(/http: or https:/);
    expect(() => tracesUrl("https://ann:s3cret@otel.example")).toThrow(/credentials/);
    expect(tracesUrl("https://otel.example/base")).toBe("https://otel.example/base/v1/traces");
  });
});
