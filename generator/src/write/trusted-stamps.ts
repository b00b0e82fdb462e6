import type { BigIntStats } from "node:fs";

/**
 * How long after a file's last change its stamp is trusted. A change within the same tick of the file system's
 * clock (ext4 stamps with a clock of a few milliseconds; some file systems with seconds) could leave the stamp
 * as it was: such "racy" files (git's word for the same problem) are read again instead.
 */
const SETTLED_MS = 2_000;

/**
 * What `--watch` remembers of files between runs: for each file it read, what it learnt from the bytes (a
 * generated file's hash, a spec's text), with the stamp (inode, size, modification and change times) taken
 * before reading them. A file whose stamp is the same on the next run is not read again. Change times cannot be
 * set by programs (only by the system clock), so any write, even one that restores size and modification time,
 * changes the stamp: a hand edit is still found. One process's memory only: nothing is written to disk, and a
 * new process reads every file.
 */
export class TrustedStamps<T = string> {
  private readonly byPath = new Map<string, { stamp: string; value: T }>();

  /** `now`: the clock that files' change times are compared with (tests pass one that runs ahead). */
  constructor(private readonly now: () => number = Date.now) {}

  /** What was recorded for `path`, when its stamp is still the one recorded with it. */
  get(path: string, info: BigIntStats): T | undefined {
    const known = this.byPath.get(path);
    return known?.stamp === stampOf(info) ? known.value : undefined;
  }

  /** Records what `path` held when `info` was taken (before it was read); not when it changed too recently. */
  remember(path: string, info: BigIntStats, value: T): void {
    if (Number(info.ctimeMs) < this.now() - SETTLED_MS) this.byPath.set(path, { stamp: stampOf(info), value });
    else this.byPath.delete(path);
  }
}

function stampOf(info: BigIntStats): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}
