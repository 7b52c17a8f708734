/**
 * One record's JSON may not be longer than this, in bytes; the file itself
 * has no limit. A record is read as one string, and V8 caps a string at
 * about 512 MiB: this leaves room for the reading around it.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * A store option key for this package's tests only (`src/index.ts` does not
 * export it, and the bundle keeps it unreachable): a smaller record limit than
 * {@link MAX_RECORD_BYTES}, so that the limit's behaviour is tested without
 * writing and reading 64 MiB records.
 */
export const RECORD_LIMIT_FOR_TESTS: unique symbol = Symbol("maxRecordBytes");
