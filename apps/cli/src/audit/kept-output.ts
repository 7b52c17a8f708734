/** Characters kept from the start of a command's output. */
const HEAD_CHARS = 16 * 1024;
/** Characters kept from its end, where a failing tool prints the cause. */
const TAIL_CHARS = 48 * 1024;

/**
 * A command's output, in bounded memory: all of it while it is short; its
 * first {@link HEAD_CHARS} and last {@link TAIL_CHARS} characters, with a line
 * saying how much is missing between them, once it is longer. Stored output is
 * cut further (to 1,000 characters, start and end kept) by `truncateOutput`.
 */
export class KeptOutput {
  #head = "";
  #tail: string[] = [];
  #tailLength = 0;
  #dropped = 0;

  add(text: string): void {
    let rest = text;
    if (this.#head.length < HEAD_CHARS) {
      const room = HEAD_CHARS - this.#head.length;
      this.#head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    if (rest === "") return;
    this.#tail.push(rest);
    this.#tailLength += rest.length;
    while (this.#tailLength - (this.#tail[0]?.length ?? 0) >= TAIL_CHARS) {
      const first = this.#tail.shift() ?? "";
      this.#tailLength -= first.length;
      this.#dropped += first.length;
    }
  }

  text(): string {
    let tail = this.#tail.join("");
    let dropped = this.#dropped;
    if (tail.length > TAIL_CHARS) {
      dropped += tail.length - TAIL_CHARS;
      tail = tail.slice(tail.length - TAIL_CHARS);
    }
    return dropped === 0
      ? this.#head + tail
      : `${this.#head}\n[… ${dropped} characters cut …]\n${tail}`;
  }
}
