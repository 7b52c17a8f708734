/** An instant as the CLI prints it: UTC ISO 8601 with milliseconds; "" when missing or invalid. */
export function isoTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const ms = typeof value === "number" ? value : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : "";
}

/** The time of day of an instant, UTC, with milliseconds: `10:15:30.123`. */
export function clockTime(value: string | number | null | undefined): string {
  const iso = isoTime(value);
  return iso === "" ? "" : iso.slice(11, 23);
}

/** A duration in words a reader scans: `850 ms`, `12.4 s`, `3 m 05 s`, `2 h 07 m`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "";
  if (ms < 0) return "0 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} m ${String(seconds % 60).padStart(2, "0")} s`;
  }
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} m`;
}

/** A relative offset on a time axis: `+0 s`, `+250 ms`, `+1.5 s`, `+2 m`. */
export function axisLabel(ms: number, step: number): string {
  if (step < 1000) return `+${Math.round(ms)} ms`;
  if (step < 60_000) return `+${trim(ms / 1000)} s`;
  if (step < 3_600_000) return `+${trim(ms / 60_000)} m`;
  return `+${trim(ms / 3_600_000)} h`;
}

function trim(value: number): string {
  return String(Math.round(value * 100) / 100);
}
