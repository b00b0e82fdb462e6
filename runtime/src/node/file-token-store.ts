import { randomBytes } from "node:crypto";
import { chmod, copyFile, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { OicError } from "../errors.js";
import { userCacheDir } from "./cache-dir.js";
import { userStateDir } from "./state-dir.js";
import { withFileLock } from "./file-lock.js";
import { errorCode, storeError } from "./fs-errors.js";
import { Mutex } from "../auth/stores/mutex.js";
import { parseStoredTokens, type StoredTokens, type TokenStore } from "../auth/stores/types.js";

/** Options of {@link fileTokenStore}. */
export interface FileTokenStoreOptions {
  /**
   * Name of this login, used as the file name (`<name>.json`); one per identity domain / client / user
   * you want to keep apart. Letters, digits, `.`, `_` and `-` only. Default `"default"`.
   */
  name?: string;
  /**
   * Folder to keep the file in. Default: `oic-gen` in the user's state folder (see {@link userStateDir}), not
   * the cache folder, which cleaners purge. A file left in `<cache>/oic-gen` by earlier versions is moved there
   * on first read.
   */
  dir?: string;
  /** How long to wait for another process that is renewing (ms). Default 60 000. */
  lockTimeoutMs?: number;
  /** A lock older than this (ms) is taken over as abandoned. Default 120 000. */
  staleLockMs?: number;
}

/** A {@link TokenStore} kept in a file; `path` says where. */
export interface FileTokenStore extends TokenStore {
  /** Absolute path of the token file. */
  readonly path: string;
  /** Runs `task` holding the cross-process lock `<path>.lock`. */
  lock<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Keeps tokens in a JSON file readable by the current user only (file 0600, folder 0700), so that a login
 * survives process restarts and is shared by the user's processes.
 *
 * - Writes are atomic: a temporary file in the same folder is written, flushed and renamed over the old one.
 * - `lock` is held across processes (an exclusively created `<name>.json.lock`), so two processes never
 *   both spend one refresh token: the second one waits, re-reads the file, and uses what the first stored.
 *
 * @example
 * ```ts
 * const store = fileTokenStore({ name: "orders-prod" }); // ~/.local/state/oic-gen/orders-prod.json on Linux
 * ```
 */
export function fileTokenStore(options: FileTokenStoreOptions = {}): FileTokenStore {
  const name = options.name ?? "default";
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name) || name.startsWith(".")) {
    throw new OicError(
      "OIC_CONFIGURATION",
      `fileTokenStore name must be 1-100 letters, digits, ".", "_" or "-" and not start with ".", got ${JSON.stringify(name)}`,
    );
  }
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? join(userStateDir(), "oic-gen");
  const path = join(dir, `${name}.json`);
  // Where earlier versions kept the default store: moved over once, on the first read that finds nothing here.
  const legacy = ownDir ? join(userCacheDir(), "oic-gen", `${name}.json`) : undefined;
  const lockOptions = { timeoutMs: options.lockTimeoutMs ?? 60_000, staleMs: options.staleLockMs ?? 120_000 };
  // Within one process, queue here rather than poll the lock file.
  const mutex = new Mutex();

  async function ensureDir(): Promise<void> {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // mkdir's mode is filtered by the umask and ignored for an existing folder: tighten our own folder.
      if (ownDir && process.platform !== "win32" && ((await stat(dir)).mode & 0o077) !== 0) await chmod(dir, 0o700);
    } catch (error) {
      throw storeError(`could not create the token folder ${dir}`, error);
    }
  }

  /** Moves the legacy file here (rename, or copy and delete across file systems); false when there is none. */
  async function migrate(from: string): Promise<boolean> {
    try {
      await stat(from);
    } catch {
      return false;
    }
    await ensureDir();
    try {
      await rename(from, path);
    } catch (error) {
      if (errorCode(error) !== "EXDEV") throw storeError(`could not move the token file ${from} to ${path}`, error);
      await copyFile(from, path);
      await chmod(path, 0o600);
      await unlink(from);
    }
    return true;
  }

  return {
    path,
    async load(): Promise<StoredTokens | undefined> {
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        if (errorCode(error) !== "ENOENT") throw storeError(`could not read the token file ${path}`, error);
        if (!legacy || !(await migrate(legacy))) return undefined;
        return this.load();
      }
      try {
        return parseStoredTokens(JSON.parse(text));
      } catch {
        return undefined;
      }
    },
    async save(tokens: StoredTokens): Promise<void> {
      await ensureDir();
      const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        const handle = await open(temp, "wx", 0o600);
        try {
          await handle.writeFile(JSON.stringify(tokens));
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw storeError(`could not write the token file ${path}`, error);
      }
    },
    async clear(): Promise<void> {
      try {
        await unlink(path);
      } catch (error) {
        if (errorCode(error) !== "ENOENT") throw storeError(`could not delete the token file ${path}`, error);
      }
    },
    lock<T>(task: () => Promise<T>): Promise<T> {
      return mutex.run(async () => {
        await ensureDir();
        return withFileLock(`${path}.lock`, lockOptions, task);
      });
    },
  };
}
