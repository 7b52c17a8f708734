/** How long and how many events a store keeps. */
export interface RetentionPolicy {
  /** Keep at most this many events; the oldest go first. 0 = no cap. Default 10,000. */
  readonly maxEvents?: number | undefined;
  /** Drop events older than this many days. 0 = keep forever. Default 90. */
  readonly retentionDays?: number | undefined;
}

export const DEFAULT_MAX_EVENTS = 10_000;
export const DEFAULT_RETENTION_DAYS = 90;

const DAY_MICROS = 86_400_000_000;

/** A policy with its defaults applied and its values checked. */
export interface NormalizedRetention {
  readonly maxEvents: number;
  readonly retentionDays: number;
}

/** Applies the defaults and checks the values; a bad value is a `RangeError` naming the option. */
export function normalizeRetention(policy: RetentionPolicy = {}): NormalizedRetention {
  const maxEvents = policy.maxEvents ?? DEFAULT_MAX_EVENTS;
  const retentionDays = policy.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(maxEvents) || maxEvents < 0) {
    throw new RangeError(
      `maxEvents must be a whole number, 0 or more (0 = no cap); got ${maxEvents}`,
    );
  }
  if (!Number.isFinite(retentionDays) || retentionDays < 0) {
    throw new RangeError(
      `retentionDays must be a number of days, 0 or more (0 = keep forever); got ${retentionDays}`,
    );
  }
  return { maxEvents, retentionDays };
}

/** What retention needs of a log in instant order. */
export interface InstantOrdered {
  readonly size: number;
  /** How many records are strictly before the instant key. */
  countBefore(key: number): number;
}

/**
 * How many of the oldest records a retention policy removes: those older
 * than the window, then the oldest of the rest beyond the cap. Every record
 * counts, whatever its type.
 */
export function expiredCount(log: InstantOrdered, policy: NormalizedRetention, now: Date): number {
  const tooOld =
    policy.retentionDays === 0
      ? 0
      : log.countBefore(now.getTime() * 1000 - policy.retentionDays * DAY_MICROS);
  const overCap = policy.maxEvents === 0 ? 0 : Math.max(0, log.size - tooOld - policy.maxEvents);
  return tooOld + overCap;
}
