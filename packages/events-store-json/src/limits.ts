/**
 * One record's JSON may not be longer than this, in bytes; the file itself
 * has no limit. A record is read as one string, and V8 caps a string at
 * about 512 MiB: this leaves room for the reading around it.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
