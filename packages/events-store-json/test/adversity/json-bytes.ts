/**
 * Finds the members of a JSON text as byte ranges, without decoding it, so a
 * test can compare a value's bytes exactly as they are in the file (invalid
 * UTF-8, numbers JavaScript cannot hold, duplicated keys, odd spacing). It
 * assumes valid JSON and throws where it finds none.
 */

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

function skipSpace(bytes: Buffer, at: number): number {
  let i = at;
  while (i < bytes.length && SPACE.has(bytes[i] ?? 0)) i++;
  return i;
}

function endOfString(bytes: Buffer, at: number): number {
  let i = at + 1;
  while (i < bytes.length) {
    const c = bytes[i];
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i++;
  }
  throw new Error(`unterminated string at byte ${at}`);
}

function endOfValue(bytes: Buffer, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return endOfString(bytes, at);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    let i = at;
    while (i < bytes.length) {
      const c = bytes[i];
      if (c === QUOTE) {
        i = endOfString(bytes, i);
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new Error(`unclosed value at byte ${at}`);
  }
  let i = at;
  while (
    i < bytes.length &&
    !SPACE.has(bytes[i] ?? 0) &&
    ![COMMA, 0x7d, 0x5d].includes(bytes[i] ?? 0)
  ) {
    i++;
  }
  return i;
}

interface Member {
  readonly key: string | undefined;
  readonly value: Buffer;
}

function members(bytes: Buffer, withKeys: boolean): Member[] {
  const [open, close] = withKeys ? [0x7b, 0x7d] : [0x5b, 0x5d];
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== open) throw new Error(`expected ${String.fromCharCode(open)} at byte ${i}`);
  const found: Member[] = [];
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === close) return found;
  for (;;) {
    let key: string | undefined;
    if (withKeys) {
      const end = endOfString(bytes, i);
      key = JSON.parse(bytes.toString("utf8", i, end)) as string;
      i = skipSpace(bytes, end);
      if (bytes[i] !== 0x3a) throw new Error(`expected : at byte ${i}`);
      i = skipSpace(bytes, i + 1);
    }
    const end = endOfValue(bytes, i);
    found.push({ key, value: bytes.subarray(i, end) });
    i = skipSpace(bytes, end);
    if (bytes[i] === COMMA) {
      i = skipSpace(bytes, i + 1);
      continue;
    }
    if (bytes[i] === close) return found;
    throw new Error(`expected , or ${String.fromCharCode(close)} at byte ${i}`);
  }
}

/** The members of the root object, in file order, duplicates included. */
export function rootMembers(bytes: Buffer): { key: string; value: Buffer }[] {
  return members(bytes, true).map(({ key, value }) => ({ key: key ?? "", value }));
}

/** The elements of the array `bytes` holds, each exactly as written. */
export function arrayElements(bytes: Buffer): Buffer[] {
  return members(bytes, false).map(({ value }) => value);
}

/** The elements of the root object's `events` array (the only one: throws on none or several). */
export function eventElements(bytes: Buffer): Buffer[] {
  const events = rootMembers(bytes).filter((member) => member.key === "events");
  if (events.length !== 1) throw new Error(`${events.length} "events" members in the root`);
  return arrayElements(events[0]?.value ?? Buffer.alloc(0));
}
