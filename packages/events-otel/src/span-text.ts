import { type OtlpStatus, STATUS_CODE_ERROR } from "./otlp-json.js";

/** Span names are cut here: a name is a label, the whole command is an attribute. */
const MAX_NAME_LENGTH = 120;

/** An ERROR status whose message is the first line of `message`, cut. */
export function errorStatus(message: string): OtlpStatus {
  return { code: STATUS_CODE_ERROR, message: cut(firstLine(message)) };
}

/** `text` up to its first line break. */
export function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text : text.slice(0, end);
}

/** `text` cut to a span name's length, with an ellipsis when it was longer. */
export function cut(text: string): string {
  return text.length <= MAX_NAME_LENGTH ? text : `${text.slice(0, MAX_NAME_LENGTH - 1)}…`;
}
