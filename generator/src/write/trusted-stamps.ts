import type { BigIntStats } from "node:fs";

/**
 * How long after a file's last change its stamp is trusted. A change within the same tick of the file system's
 * clock (ext4 stamps with a clock of a few milliseconds; some file systems with seconds) could leave the stamp
 * as it was: such "racy" files (git's word for the same problem) are hashed instead.
 */
const SETTLED_MS = 2_000;

/**
 * What `--watch` remembers of generated files between runs: the hash of each file it read, with the stamp
 * (inode, size, modification and change times) taken before reading it. A file whose stamp is the same on the
 * next run is not read again. Change times cannot be set by programs (only by the system clock), so any write,
 * even one that restores size and modification time, changes the stamp: a hand edit is still found. One
 * process's memory only: nothing is written to disk, and a new process hashes every file.
 */
export class TrustedStamps {
  private readonly byPath = new Map<string, { stamp: string; hash: string }>();

  /** `now`: the clock that files' change times are compared with (tests pass one that runs ahead). */
  constructor(private readonly now: () => number = Date.now) {}

  /** The hash recorded for `path`, when its stamp is still the one recorded with it. */
  hashOf(path: string, info: BigIntStats): string | undefined {
    const known = this.byPath.get(path);
    return known?.stamp === stampOf(info) ? known.hash : undefined;
  }

  /** Records what `path` held when `info` was taken (before it was read); not when it changed too recently. */
  remember(path: string, info: BigIntStats, hash: string): void {
    if (Number(info.ctimeMs) < this.now() - SETTLED_MS) this.byPath.set(path, { stamp: stampOf(info), hash });
    else this.byPath.delete(path);
  }
}

function stampOf(info: BigIntStats): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}
