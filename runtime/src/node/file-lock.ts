import { randomBytes } from "node:crypto";
import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { OicError } from "../errors.js";
import { isCode, storeError } from "./fs-errors.js";

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** Give up waiting for another holder after this long (ms). */
  readonly timeoutMs: number;
  /** A lock older than this (ms) is considered abandoned even if its process still seems alive. */
  readonly staleMs: number;
}

interface LockOwner {
  pid: number;
  host: string;
  at: number;
  nonce: string;
}

/**
 * Runs `task` while holding the lock file `lockPath`, created exclusively (`open(..., "wx")`) so that
 * only one process at a time holds it. A lock left behind by a crashed process is taken over when its
 * process is gone (same host) or it is older than `staleMs`.
 */
export async function withFileLock<T>(lockPath: string, options: FileLockOptions, task: () => Promise<T>): Promise<T> {
  const owner = await acquire(lockPath, options);
  try {
    return await task();
  } finally {
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<LockOwner> {
  const deadline = Date.now() + options.timeoutMs;
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    at: Date.now(),
    nonce: randomBytes(8).toString("hex"),
  };
  for (;;) {
    try {
      const handle = await open(lockPath, "wx", 0o600);
      try {
        owner.at = Date.now();
        await handle.writeFile(JSON.stringify(owner));
      } finally {
        await handle.close();
      }
      return owner;
    } catch (error) {
      if (!isCode(error, "EEXIST")) throw storeError("could not create the token store lock", error);
    }
    const holder = await readOwner(lockPath);
    if (holder === "gone") continue;
    if (holder ? isStale(holder, options.staleMs) : await isOldFile(lockPath, options.staleMs)) {
      await takeOver(lockPath, holder);
      continue;
    }
    if (Date.now() > deadline) {
      throw new OicError(
        "OIC_TOKEN_STORE_FAILED",
        `timed out after ${options.timeoutMs} ms waiting for the token store lock ${lockPath}`,
      );
    }
    // Jitter keeps several waiting processes from retrying in lockstep.
    await sleep(15 + Math.random() * 35);
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | "gone" | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, "utf8")) as Partial<LockOwner>;
    return typeof parsed.pid === "number" && typeof parsed.at === "number" ? (parsed as LockOwner) : undefined;
  } catch (error) {
    if (isCode(error, "ENOENT")) return "gone";
    // Half-written by a holder that is writing right now, or garbage: judged by age via the file below.
    return undefined;
  }
}

function isStale(holder: LockOwner, staleMs: number): boolean {
  if (Date.now() - holder.at > staleMs) return true;
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return isCode(error, "ESRCH");
  }
}

/**
 * Moves a stale lock aside under a unique name, so that of two processes taking over at once only one
 * succeeds; if what was moved is not the stale lock we judged (a new holder got in between), it is put back.
 */
async function takeOver(lockPath: string, stale: LockOwner | undefined): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString("hex")}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  const moved = await readOwner(aside);
  if (typeof moved === "object" && moved.nonce !== stale?.nonce) {
    await rename(aside, lockPath).catch(() => undefined);
    return;
  }
  await unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, owner: LockOwner): Promise<void> {
  const holder = await readOwner(lockPath);
  // Only remove our own lock: if ours was taken over as stale, the file now belongs to someone else.
  if (typeof holder === "object" && holder.nonce === owner.nonce) await unlink(lockPath).catch(() => undefined);
}

/** A lock file that cannot be parsed (e.g. a holder crashed mid-write) is judged by its age. */
async function isOldFile(path: string, staleMs: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > staleMs;
  } catch {
    return false;
  }
}
