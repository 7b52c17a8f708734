import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";

/** Where and why a text is not valid JSON. */
export interface JsonErrorLocation {
  /** Offset (UTF-16 code units) of the first error. */
  readonly offset: number;
  /** 1-based line and column of the first error. */
  readonly line: number;
  readonly column: number;
  /** jsonc-parser's name for it, e.g. `ValueExpected`, `CloseBraceExpected`. */
  readonly problem: string;
}

/**
 * Locates the first syntax error of a text that `JSON.parse` rejected.
 * Node 20's `JSON.parse` messages often carry no position, so this re-scans
 * the text with jsonc-parser in strict JSON mode (no comments, no trailing
 * commas). Returns undefined when the scanner finds nothing.
 */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
  } catch {
    return undefined; // the scanner recurses: thousands of nested brackets overflow it
  }
  const first = errors[0];
  if (first === undefined) return undefined;
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  return { offset: first.offset, line, column, problem: printParseErrorCode(first.error) };
}
