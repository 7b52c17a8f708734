import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { CLI_PATH } from "./cli-path.js";
import { cliEnv } from "./spawn-cli.js";

/** What a CLI printed on a real pseudo-terminal: stdout and stderr as the terminal got them. */
export interface TerminalResult {
  readonly code: number | null;
  /** The raw bytes the terminal received (decoded as UTF-8): `\n` arrives as `\r\n`. */
  readonly output: string;
}

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * Runs `node dist/cli.js ...args` on a real pseudo-terminal of `columns`
 * columns (util-linux `script`; `stty` sets the size inside it), with stdout
 * and stderr both on it, colours forced on (`FORCE_COLOR=1`), and the store
 * in `storageDir`.
 */
export function runInTerminal(
  args: readonly string[],
  storageDir: string,
  options: { columns: number; cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<TerminalResult> {
  const cli = [process.execPath, CLI_PATH, ...args].map(quote).join(" ");
  const inner = `stty cols ${options.columns} rows 200 && exec ${cli}`;
  const env = cliEnv(storageDir, {
    FORCE_COLOR: "1",
    NO_COLOR: undefined,
    SHELL: "/bin/sh",
    TERM: "xterm-256color",
    ...options.env,
  });
  const child = spawn("script", ["-qfec", inner, "/dev/null"], {
    cwd: options.cwd ?? tmpdir(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (stderr !== "") reject(new Error(`script wrote to its own stderr: ${stderr}`));
      else resolve({ code, output: Buffer.concat(chunks).toString("utf8") });
    });
  });
}

/** Our colours (SGR), the live line's erase (`ESC[2K`): the only sequences the CLI may send. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the only sequences the CLI may send
const OWN_SEQUENCE = /^\x1b\[(?:[0-9;]*m|2K)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finds the control characters the CLI must not send
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The rows a terminal `columns` wide shows after receiving `output`: a model
 * of exactly what the CLI may send (printable text, colours, which it drops,
 * `ESC[2K` erasing the cursor's row, CR, LF) with a real terminal's
 * auto-wrap: a character that does not fit on the row goes to the next one.
 * A wide (CJK) character or an emoji takes two columns. Any other control
 * character or sequence throws: the CLI must not send it.
 */
export function renderScreen(output: string, columns: number): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let column = 0;
  const line = () => {
    rows[row] ??= [];
    return rows[row] as string[];
  };
  for (let i = 0; i < output.length; i++) {
    const char = String.fromCodePoint(output.codePointAt(i) as number);
    if (char.length === 2) i++;
    if (char === "\x1b") {
      const sequence = OWN_SEQUENCE.exec(output.slice(i, i + 16));
      if (sequence === null)
        throw new Error(`unexpected escape sequence: ${JSON.stringify(output.slice(i, i + 16))}`);
      if (sequence[0] === "\x1b[2K") rows[row] = [];
      i += sequence[0].length - 1;
    } else if (char === "\r") {
      column = 0;
    } else if (char === "\n") {
      row++;
    } else if (CONTROL.test(char)) {
      throw new Error(`unexpected control character U+${char.codePointAt(0)?.toString(16)}`);
    } else {
      const width = isWide(char) ? 2 : 1;
      if (column + width > columns) {
        row++;
        column = 0;
      }
      const cells = line();
      while (cells.length < column) cells.push(" ");
      cells[column] = char;
      if (width === 2) cells[column + 1] = "";
      column += width;
    }
  }
  const text = rows.map((cells) => (cells ?? []).join("").trimEnd());
  while (text.at(-1) === "") text.pop();
  return text;
}

/** CJK, Hangul, fullwidth forms and emoji: two columns on a terminal. */
function isWide(char: string): boolean {
  const code = char.codePointAt(0) as number;
  return (
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0x1f300 && code <= 0x1faff)
  );
}
