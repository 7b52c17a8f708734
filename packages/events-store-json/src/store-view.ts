import type { EventRecord } from "@phaser/events-core";
import { EventIndex } from "@phaser/events-core/store-kit";
import type { Entry } from "./entry.js";
import { type EventsFile, readAppended, readEventsFile } from "./events-file-reader.js";
import { sameIdentity, statIdentity } from "./file-identity.js";
import type { StoreWarning } from "./storage-options.js";

/**
 * What a store knows of its file: the file as last read or written (`null`
 * when there is none, `undefined` before the first read) and the index of
 * its valid records. `refresh` brings both up to the disk at the cost of
 * what changed; each malformed element is reported once.
 */
export class StoreView {
  file: EventsFile | null | undefined;
  index = new EventIndex();
  readonly #shown: string;
  readonly #version: number;
  readonly #onWarning: (warning: StoreWarning) => void;
  readonly #warned = new Set<number>();

  constructor(shown: string, version: number, onWarning: (warning: StoreWarning) => void) {
    this.#shown = shown;
    this.#version = version;
    this.#onWarning = onWarning;
  }

  /**
   * Nothing when the file at `real` is the one last seen; only the new bytes
   * when it grew by appends in place; a full read otherwise. A torn tail (an
   * append in flight, or cut short) gives the complete records before it.
   */
  refresh(real: string): void {
    const previous = this.file;
    const onDisk = statIdentity(real);
    if (previous !== undefined && (previous === null) === (onDisk === null)) {
      if (
        previous === null ||
        (previous.path === real && sameIdentity(previous.identity, onDisk))
      ) {
        return;
      }
    }
    if (previous && previous.path === real && previous.version === this.#version) {
      const grown = readAppended(previous, this.#version, this.#shown);
      if (grown !== "changed") {
        this.file = grown.file;
        this.#add(grown.added, previous.count);
        return;
      }
    }
    this.replace(readEventsFile(real, this.#version, this.#shown));
  }

  /** Takes `file` as the file now (read, rewritten or migrated), indexing it anew. */
  replace(file: EventsFile | null): void {
    this.file = file;
    this.index = new EventIndex();
    if (file !== null && file.version >= this.#version) this.#add(file.entries, 0);
  }

  /** Indexes the valid records of `entries` (the elements from `first` on). */
  #add(entries: readonly Entry[], first: number): void {
    const records: EventRecord[] = [];
    entries.forEach((entry, i) => {
      if (entry.record !== undefined) records.push(entry.record);
      else this.#warn(first + i, entry);
    });
    this.index.insert(records);
  }

  #warn(index: number, entry: Entry): void {
    if (this.#warned.has(entry.seq)) return;
    this.#warned.add(entry.seq);
    const message = entry.problem ?? "malformed record";
    this.#onWarning({ code: "MALFORMED_RECORD", path: this.#shown, index, message });
  }
}
