/**
 * Text `jsonb` cannot hold, stored losslessly. PostgreSQL refuses a string
 * with the NUL character ("unsupported Unicode escape sequence") and one with
 * a lone UTF-16 surrogate (`"\uD800"`: "invalid input syntax for type
 * json"); JavaScript strings, and the JSON file store, hold both. So before a
 * record is sent, every string, object keys included, that holds either one,
 * or that starts with {@link ESCAPE_MARK}, is replaced by the mark followed
 * by the string with `%` written `%25`, NUL `%00` and each lone surrogate
 * `%uD800` (four upper-case hex digits). Any other string, every ordinary id
 * among them, is stored unchanged, so SQL on `audit_id` and `type` still
 * compares the text itself. Reading reverses it: only strings starting with
 * the mark are touched, and escaping a user's string that already starts with
 * the mark is what keeps the two apart.
 */

/** U+0001 (a control character jsonb keeps) then `esc:`: no ordinary text starts with it. */
export const ESCAPE_MARK = "\u0001esc:";

const MARK_CODE = 1;
/** NUL, a lone high surrogate, or a lone low surrogate. */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ESCAPED_CHARACTER =
  /%|\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPE_SEQUENCE = /%(?:25|00|u(D[89A-F][0-9A-F]{2}))|%/g;

/** A string as it is stored: itself, or the mark and its escaped form. */
export function encodeText(text: string): string {
  if (!(text.startsWith(ESCAPE_MARK) || UNSTORABLE.test(text))) return text;
  return ESCAPE_MARK + text.replace(ESCAPED_CHARACTER, escapeCharacter);
}

function escapeCharacter(character: string): string {
  if (character === "%") return "%25";
  if (character === "\0") return "%00";
  return `%u${character.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** A stored string back to the original; throws on a marked string no encoder wrote. */
export function decodeText(stored: string): string {
  if (stored.charCodeAt(0) !== MARK_CODE || !stored.startsWith(ESCAPE_MARK)) return stored;
  return stored.slice(ESCAPE_MARK.length).replace(ESCAPE_SEQUENCE, (sequence, unit?: string) => {
    if (sequence === "%25") return "%";
    if (sequence === "%00") return "\0";
    if (unit !== undefined) return String.fromCharCode(Number.parseInt(unit, 16));
    throw new TypeError(`a stored string starts with the escape mark but holds a bare "%"`);
  });
}

/** A JSON value with every string and key as stored; the value itself when nothing changes. */
export function encodeJson(value: unknown): unknown {
  return mapStrings(value, encodeText);
}

/** A stored JSON value back to the original; the value itself when nothing was escaped. */
export function decodeJson(value: unknown): unknown {
  return mapStrings(value, decodeText);
}

/** Applies `map` to every string and key, copying only the objects and arrays that change. */
function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const mapped = mapStrings(item, map);
      if (mapped !== item) copy ??= value.slice();
      if (copy !== undefined) copy[i] = mapped;
    }
    return copy ?? value;
  }
  // Reads walk every record: nothing is allocated until something changes.
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = object[key];
    const mappedKey = map(key);
    const mapped = mapStrings(item, map);
    if (copy === undefined && (mappedKey !== key || mapped !== item)) {
      copy = {};
      for (const earlier of keys.slice(0, i)) setField(copy, earlier, object[earlier]);
    }
    if (copy !== undefined) setField(copy, mappedKey, mapped);
  }
  return copy ?? value;
}

/** defineProperty: a key "__proto__" (JSON.parse makes it an own field) stays a field. */
function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
