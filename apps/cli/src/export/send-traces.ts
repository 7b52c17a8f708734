import type { EventRecord } from "@phaser/events-core";
import { OtlpExportError, sendOtlpTraces, toOtlpTraces, tracesUrl } from "@phaser/events-otel";
import { CliError, EXIT_USAGE } from "../errors/cli-error.js";
import { printErrorLine } from "../format/terminal-output.js";

/** A header name: an HTTP token (RFC 9110). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `--otlp-header name=value` values as headers; a malformed one is a usage error. */
export function parseOtlpHeaders(values: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    const name = equals === -1 ? "" : value.slice(0, equals).trim();
    const content = value.slice(equals + 1).trim();
    if (!HEADER_NAME.test(name) || /[\r\n\0]/.test(content)) {
      // The value may be a secret: name the header only.
      throw new CliError(
        `--otlp-header wants name=value with a header name of letters, digits and -, not ${JSON.stringify(name || value.slice(0, 20))}`,
        EXIT_USAGE,
      );
    }
    headers[name.toLowerCase()] = content;
  }
  return headers;
}

/**
 * `export --otlp-endpoint`: the records as OTLP traces, POSTed to the collector's /v1/traces
 * (retried on 429/502/503/504 and when nothing answers). Says on stderr what it sent, and each
 * retry; a refusal, or spans the collector rejected, is a failure (exit 1).
 */
export async function sendTraces(
  records: readonly EventRecord[],
  endpoint: string,
  headerValues: readonly string[],
): Promise<void> {
  let url: string;
  try {
    url = tracesUrl(endpoint);
  } catch (error) {
    throw new CliError(`--otlp-endpoint: ${(error as Error).message}`, EXIT_USAGE);
  }
  const headers = parseOtlpHeaders(headerValues);
  const request = toOtlpTraces(records);
  const spans = request.resourceSpans.reduce(
    (n, r) => n + r.scopeSpans.reduce((m, s) => m + s.spans.length, 0),
    0,
  );
  if (spans === 0) {
    throw new CliError("nothing to send: no audit of these events has a finished span yet");
  }
  try {
    const result = await sendOtlpTraces(request, {
      endpoint: url,
      headers,
      onRetry: (reason, delayMs) =>
        printErrorLine(
          `the collector answered ${reason}: trying again in ${(delayMs / 1000).toFixed(1)} s`,
        ),
    });
    if (result.rejectedSpans > 0) {
      const why = result.message === undefined ? "" : `: ${result.message}`;
      throw new CliError(
        `the collector at ${url} rejected ${result.rejectedSpans} of ${spans} spans${why}`,
      );
    }
    printErrorLine(`sent ${spans} ${spans === 1 ? "span" : "spans"} to ${url}`);
  } catch (error) {
    if (error instanceof OtlpExportError) throw new CliError(error.message);
    throw error;
  }
}
