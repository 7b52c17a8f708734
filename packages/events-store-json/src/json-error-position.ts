import { readSync } from "node:fs";
import { createRequire } from "node:module";
import type { ParseError } from "jsonc-parser";

type JsoncParser = typeof import("jsonc-parser");
let jsoncParser: JsoncParser | undefined;

/**
 * jsonc-parser, loaded the first time a file is refused: loading it costs
 * about 30 ms of CPU, which every process that opens a store (each CLI
 * command) would otherwise pay for an error it almost never reports.
 */
function scanner(): JsoncParser {
  jsoncParser ??= createRequire(import.meta.url)("jsonc-parser") as JsoncParser;
  return jsoncParser;
}

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
  const { parse, printParseErrorCode } = scanner();
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

/** 1-based line and column (in bytes) of a byte offset, counted from the file. */
export function locate(fd: number, offset: number): { line: number; column: number } {
  const chunk = Buffer.allocUnsafe(1 << 16);
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < offset; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, offset - at), at);
    if (n === 0) break;
    for (let i = chunk.indexOf(0x0a); i !== -1 && i < n; i = chunk.indexOf(0x0a, i + 1)) {
      line++;
      lineStart = at + i + 1;
    }
    at += n;
  }
  return { line, column: offset - lineStart + 1 };
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
