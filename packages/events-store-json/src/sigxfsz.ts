let keeps = false;

/**
 * Hitting the file-size limit (`ulimit -f`) raises SIGXFSZ, whose default
 * action kills the process. With a listener of our own the signal is ignored
 * and the write fails with EFBIG, which becomes a StorageError like any
 * other write failure (and the append is undone).
 */
export function keepSigxfszAnError(): void {
  if (keeps || process.platform === "win32") return;
  keeps = true;
  process.on("SIGXFSZ", () => {});
}
