import { RedisStoreError } from "./errors.js";

/**
 * The one method the stores need from a Redis client: node-redis's `sendCommand` (`createClient()` from
 * `@redis/client` or `redis`, v6). Any client with this shape works.
 */
export interface RedisCommandClient {
  sendCommand<T = unknown>(
    args: ReadonlyArray<string | Buffer>,
    options?: { timeout?: number; abortSignal?: AbortSignal },
  ): Promise<T>;
}

/** Default deadline of one Redis command (ms). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;

/**
 * Sends commands with a hard deadline, so an unreachable Redis fails a call with a typed error in bounded time
 * instead of queueing it until Redis returns. The client is told the deadline too (node-redis then drops a
 * command it has not written yet); our own timer also covers clients that ignore it.
 */
export class RedisCommands {
  readonly #client: RedisCommandClient;
  readonly #timeoutMs: number;

  constructor(client: RedisCommandClient, timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS) {
    if (!client || typeof client.sendCommand !== "function") {
      throw new RedisStoreError("failed", "a Redis client with sendCommand (node-redis createClient()) is required");
    }
    if (!(timeoutMs > 0))
      throw new RedisStoreError("failed", "commandTimeoutMs must be a positive number of milliseconds");
    this.#client = client;
    this.#timeoutMs = timeoutMs;
  }

  /** Runs one command; `what` names it in error messages (never its arguments, which may hold secrets). */
  async send<T>(args: ReadonlyArray<string>, what: string): Promise<T> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new RedisStoreError("unreachable", `Redis did not answer ${what} within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([
        this.#client.sendCommand<T>(args, { timeout: this.#timeoutMs, abortSignal: abort.signal }),
        deadline,
      ]);
    } catch (error) {
      throw toStoreError(error, what, this.#timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** `EVAL script numkeys keys... args...`. */
  eval<T>(script: string, keys: readonly string[], args: readonly string[], what: string): Promise<T> {
    return this.send<T>(["EVAL", script, String(keys.length), ...keys, ...args], what);
  }
}

/** Connection-level failures (closed socket, refused, timeout) are `unreachable`; error replies are `failed`. */
function toStoreError(error: unknown, what: string, timeoutMs: number): RedisStoreError {
  if (error instanceof RedisStoreError) return error;
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "ErrorReply" || /^(ERR|WRONGTYPE|OOM|NOSCRIPT|READONLY|BUSY|NOPERM|LOADING)\b/.test(message)) {
    const code = /^[A-Z]+/.exec(message)?.[0] ?? "error";
    // LOADING (restarting Redis reading its AOF) and READONLY (failover) pass: treat them as unreachable.
    const reason = code === "LOADING" || code === "READONLY" || code === "BUSY" ? "unreachable" : "failed";
    return new RedisStoreError(reason, `Redis refused ${what} (${code})`, { cause: error });
  }
  if (name === "TimeoutError" || name === "AbortError")
    return new RedisStoreError("unreachable", `Redis did not answer ${what} within ${timeoutMs} ms`, { cause: error });
  return new RedisStoreError("unreachable", `Redis could not be reached for ${what} (${name || "error"})`, {
    cause: error,
  });
}
