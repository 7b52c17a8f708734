import { auditIdAsSent, type InsightsWithTrend, type TrendUnit } from "@phaser/events-analysis";
import type { AuditSnapshot, AuditsSnapshot, DataSource, LiveHandlers } from "./data-source.js";
import { apiHeaders, followStream } from "./follow-stream.js";

/** A request to the API that did not answer 2xx. */
export class ApiError extends Error {
  readonly code = "PHASER_WEB_API";
  constructor(
    readonly status: number,
    readonly path: string,
    /** The server's `error.message`, when it sent one. */
    reason?: string,
  ) {
    super(`GET ${path} answered ${status}${reason === undefined ? "" : `: ${reason}`}`);
  }
}

/** A {@link DataSource} over the timeline server's HTTP API, on the page's own origin. */
export class HttpSource implements DataSource {
  readonly kind = "http";

  /**
   * `base`: the API's path prefix, `""` for the page's own server. `token`:
   * what its API asks for (see `takePageToken`), sent as `Authorization: Bearer`.
   */
  constructor(
    readonly base = "",
    readonly token?: string,
  ) {}

  audits(): Promise<AuditsSnapshot> {
    return this.#get<AuditsSnapshot>("/api/audits");
  }

  async audit(idOrPrefix: string): Promise<AuditSnapshot | undefined> {
    try {
      // In the query: a browser drops `.` and `..` path segments, encoded or not. A lone
      // surrogate cannot travel in a URL: the server matches the id as it arrives.
      const path = `/api/audit?${new URLSearchParams({ id: auditIdAsSent(idOrPrefix) })}`;
      return await this.#get<AuditSnapshot>(path);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  insights(since: string | undefined, unit?: TrendUnit): Promise<InsightsWithTrend> {
    const params = new URLSearchParams();
    if (since !== undefined) params.set("since", since);
    if (unit !== undefined) params.set("unit", unit);
    const query = params.size === 0 ? "" : `?${params}`;
    return this.#get<InsightsWithTrend>(`/api/insights${query}`);
  }

  follow(after: number, handlers: LiveHandlers): () => void {
    return followStream(this.base, after, handlers, this.token);
  }

  async #get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.base}${path}`, { headers: apiHeaders(this.token) });
    if (!response.ok) throw new ApiError(response.status, path, await reasonOf(response));
    return (await response.json()) as T;
  }
}

/** The `error.message` of an API error's JSON body, if it has one. */
async function reasonOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === "string" ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}
