/**
 * Where human-readable lines leave the process. Every line passes one last
 * guard: our own colours (SGR, `ESC[…m`) and line breaks go through, any
 * other control character is shown as visible text. Stored strings are made
 * {@link printable} where the formatters put them into a line; this guard
 * makes a formatter that forgot one unable to send a terminal anything but
 * colours (no clipboard write, no title, no clearing the screen).
 */
import { cliIo } from "../io/cli-io.js";
import { printable } from "./printable.js";

const ESC = "\x1b";
/** Select Graphic Rendition: what picocolors writes, and nothing else of ours on a line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches our own colour codes, which start with ESC
const SGR = /^\x1b\[[0-9;]*m/;

/** `line` with every control character but SGR sequences and `\n` shown as text. */
export function guardLine(line: string): string {
  let out = "";
  let plain = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const unsafe =
      (code < 0x20 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (!unsafe) continue;
    out += line.slice(plain, i);
    const sgr = line[i] === ESC ? SGR.exec(line.slice(i, i + 32)) : null;
    if (sgr !== null) {
      out += sgr[0];
      i += sgr[0].length - 1;
    } else {
      out += printable(line[i] as string);
    }
    plain = i + 1;
  }
  return plain === 0 ? line : out + line.slice(plain);
}

/** Prints a line for people on stdout. */
export function printLine(line: string): void {
  cliIo().stdout.write(`${guardLine(line)}\n`);
}

/** Prints a line for people on stderr (messages, warnings, errors). */
export function printErrorLine(line: string): void {
  cliIo().stderr.write(`${guardLine(line)}\n`);
}

/** Writes text for people on stdout as it is given (its own line breaks), guarded. */
export function writeText(text: string): void {
  cliIo().stdout.write(guardLine(text));
}
