/**
 * Whether XML 1.0 allows a code point anywhere (escaped or not): tab, LF, CR,
 * U+0020–U+D7FF, U+E000–U+FFFD and U+10000 up; so no other C0 control, no
 * lone surrogate, no U+FFFE/U+FFFF. https://www.w3.org/TR/xml/#charsets
 */
function isXmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}

/** `text` without the characters XML 1.0 cannot carry. */
export function stripIllegalXmlChars(text: string): string {
  let kept = "";
  // for…of walks code points: a valid surrogate pair comes as one, a lone surrogate alone.
  for (const char of text) {
    if (isXmlChar(char.codePointAt(0) as number)) kept += char;
  }
  return kept;
}

/** `text` as XML character data: illegal characters dropped, `&`, `<`, `>` escaped, CR kept. */
export function escapeXmlText(text: string): string {
  return stripIllegalXmlChars(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/**
 * `text` as a double-quoted attribute value: as {@link escapeXmlText}, plus
 * quotes, and tabs and line breaks as references so parsers keep them.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/** `name="value" …` for the attributes whose value is defined, in the order given. */
export function xmlAttributes(attributes: Readonly<Record<string, string | number | undefined>>) {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}="${escapeXmlAttribute(String(value))}"`)
    .join(" ");
}
