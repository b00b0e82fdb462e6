// Sessions in Redis, shared by every replica: `<prefix>session:<id>` holds `{"user": ...}` and expires after
// the idle time, renewed on every use (GETEX). Commands have a deadline: with Redis down, pages fail with
// OIC_TOKEN_STORE_FAILED in bounded time instead of hanging.
import type { IncomingMessage } from "node:http";
import { RedisCommands, type RedisCommandClient } from "@oic-gen/runtime-redis";
import { DEFAULT_IDLE_MS, newSessionId, sessionIdOf, type Session, type SessionStore } from "./sessions.js";

export class RedisSessionStore implements SessionStore {
  readonly #redis: RedisCommands;
  readonly #prefix: string;
  readonly #idleMs: number;

  constructor(options: { client: RedisCommandClient; prefix?: string; idleMs?: number }) {
    this.#redis = new RedisCommands(options.client);
    this.#prefix = `${options.prefix ?? "oic-example:"}session:`;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  async find(req: IncomingMessage): Promise<Session | undefined> {
    const id = sessionIdOf(req);
    if (id === undefined) return undefined;
    const text = await this.#redis.send<string | null>(
      ["GETEX", this.#prefix + id, "PX", String(this.#idleMs)],
      "the session lookup",
    );
    if (text === null) return undefined;
    const user = (JSON.parse(text) as { user?: unknown }).user;
    return typeof user === "string" ? { id, user } : undefined;
  }

  async create(user: string, id = newSessionId()): Promise<Session> {
    const session = { id, user };
    await this.#redis.send(
      ["SET", this.#prefix + session.id, JSON.stringify({ user }), "PX", String(this.#idleMs)],
      "the session save",
    );
    return session;
  }

  async destroy(session: Session): Promise<void> {
    await this.#redis.send(["DEL", this.#prefix + session.id], "the session removal");
  }
}
