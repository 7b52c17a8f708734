import type { ExportTraceServiceRequest } from "./otlp-json.js";

export interface SendOtlpTracesOptions {
  /**
   * The collector: a base URL (`http://localhost:4318`), to which `/v1/traces` is added, as
   * `OTEL_EXPORTER_OTLP_ENDPOINT` is read; a URL already ending in `/v1/traces` is used as is.
   */
  readonly endpoint: string;
  /** Extra request headers, for authentication (`{ authorization: "Bearer …" }`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Attempts in all, the first included (default 5): 429, 502, 503, 504 and network errors are retried. */
  readonly attempts?: number;
  /** The first retry's delay in ms, doubled for each next one (default 1,000); a `Retry-After` of the collector wins, up to 30 s. */
  readonly retryDelayMs?: number;
  /** Per attempt, in ms (default 10,000). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Told before each retry: why, and how long it waits. */
  readonly onRetry?: (reason: string, delayMs: number) => void;
}

/** What the collector said to an accepted request. */
export interface SendOtlpTracesResult {
  readonly url: string;
  readonly status: number;
  readonly attempts: number;
  /** Spans the collector accepted the request with but dropped (`partialSuccess.rejectedSpans`). */
  readonly rejectedSpans: number;
  /** `partialSuccess.errorMessage`, when the collector gave one. */
  readonly message?: string;
}

/** The collector refused the request, or could not be reached in as many attempts as allowed. */
export class OtlpExportError extends Error {
  readonly code = "OTLP_EXPORT_FAILED" as const;
  override readonly name = "OtlpExportError";
  /** The last HTTP status, if any answer came. */
  readonly status: number | undefined;
  readonly url: string;
  constructor(message: string, url: string, status?: number) {
    super(message);
    this.url = url;
    this.status = status;
  }
}

const RETRIED = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 30_000;
/** How much of a refusal's body goes into the error: enough for the collector's reason. */
const MAX_BODY_CHARS = 500;

/** The `/v1/traces` URL of `endpoint` (see {@link SendOtlpTracesOptions.endpoint}). */
export function tracesUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`the OTLP endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`the OTLP endpoint must be http: or https:, not ${url.protocol}`);
  }
  if (url.username !== "" || url.password !== "") {
    // fetch refuses them, and the URL is printed in messages: a header is the place for secrets.
    throw new TypeError("the OTLP endpoint must not hold credentials: send them in a header");
  }
  if (!url.pathname.endsWith("/v1/traces")) {
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1/traces`;
  }
  return url.href;
}

/**
 * POSTs `request` as OTLP/JSON (`content-type: application/json`) to the collector's
 * `/v1/traces`, retrying what the OTLP/HTTP spec says is retryable (429, 502, 503, 504, and no
 * answer) with exponential backoff. Resolves when the collector accepts it (a 2xx), telling the
 * spans it rejected in a partial success; rejects with {@link OtlpExportError} naming the URL,
 * the status and the collector's reason otherwise.
 */
export async function sendOtlpTraces(
  request: ExportTraceServiceRequest,
  options: SendOtlpTracesOptions,
): Promise<SendOtlpTracesResult> {
  const url = tracesUrl(options.endpoint);
  const attempts = Math.max(1, options.attempts ?? 5);
  const body = JSON.stringify(request);
  let delay = options.retryDelayMs ?? 1_000;
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let wait = delay;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { ...options.headers, "content-type": "application/json" },
        body,
        signal: anySignal(options.signal, options.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      if (response.ok) return accepted(url, response.status, attempt, text);
      reason = `${response.status} ${response.statusText}`.trim();
      if (!RETRIED.has(response.status) || attempt >= attempts) {
        const tries = attempt > 1 ? ` (${attempt} attempts)` : "";
        throw new OtlpExportError(
          `the collector at ${url} refused the traces: ${reason}${bodyNote(text)}${tries}`,
          url,
          response.status,
        );
      }
      wait = retryAfterMs(response.headers.get("retry-after")) ?? delay;
    } catch (error) {
      if (error instanceof OtlpExportError) throw error;
      if (options.signal?.aborted) throw error;
      reason = error instanceof Error ? describeFailure(error) : String(error);
      if (attempt >= attempts) {
        throw new OtlpExportError(
          `could not send the traces to ${url} in ${attempts} attempts: ${reason}`,
          url,
        );
      }
    }
    options.onRetry?.(reason, wait);
    await sleep(wait, options.signal);
    delay *= 2;
  }
}

function accepted(
  url: string,
  status: number,
  attempts: number,
  text: string,
): SendOtlpTracesResult {
  let rejectedSpans = 0;
  let message: string | undefined;
  try {
    const partial = (JSON.parse(text) as { partialSuccess?: Record<string, unknown> })
      .partialSuccess;
    rejectedSpans = Number(partial?.rejectedSpans ?? 0) || 0;
    if (typeof partial?.errorMessage === "string" && partial.errorMessage !== "") {
      message = partial.errorMessage;
    }
  } catch {
    // An empty or non-JSON answer to a 2xx: accepted in full.
  }
  return { url, status, attempts, rejectedSpans, ...(message === undefined ? {} : { message }) };
}

/** The collector's own words, cut short and on one line. */
function bodyNote(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "" || flat === "{}") return "";
  return `: ${flat.length > MAX_BODY_CHARS ? `${flat.slice(0, MAX_BODY_CHARS)}…` : flat}`;
}

/** `fetch failed` says little: its cause says what (ECONNREFUSED …). */
function describeFailure(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error.name === "TimeoutError") return "no answer in time";
  return cause?.code ?? cause?.message ?? error.message;
}

/** A `Retry-After` in seconds or as an HTTP date, in ms (at most 30 s); `undefined` when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : undefined;
}

function anySignal(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}
