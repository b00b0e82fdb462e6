// Server-side sessions: the browser only ever holds a random session id in an HttpOnly cookie; who is signed in
// stays here, on the server, and the user's tokens in a per-session token store (see stores.ts).
//
// Two implementations of one small interface: in this process's memory (one process), or in Redis (several
// replicas; redis-sessions.ts). A session exists only once a sign-in succeeded: an anonymous visitor, or a
// flood of anonymous `GET /login`, creates none (logins in progress live in a pending-login store).
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export interface Session {
  readonly id: string;
  /** Who is signed in (the ID token's `sub`). */
  readonly user: string;
}

export interface SessionStore {
  /** The session named by the request's cookie, if it exists and has not been idle too long (it is touched). */
  find(req: IncomingMessage): Promise<Session | undefined>;
  /**
   * A new session for `user` with a fresh random id (256 bits; `id` when given, from {@link newSessionId}). A sign-in always ends in a new session, so an
   * id planted before the sign-in (session fixation) never becomes a signed-in session.
   */
  create(user: string, id?: string): Promise<Session>;
  destroy(session: Session): Promise<void>;
}

export const DEFAULT_IDLE_MS = 8 * 60 * 60_000;
const COOKIE = "sid";
const ID = /^[A-Za-z0-9_-]{43}$/;

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** The session id the request's cookie names, if it is well-formed. */
export function sessionIdOf(req: IncomingMessage): string | undefined {
  const id = readCookie(req.headers.cookie, COOKIE);
  return id && ID.test(id) ? id : undefined;
}

/** The Set-Cookie value that names `session` (or deletes the cookie, for `undefined`). */
export function sessionCookie(session: Session | undefined, secure: boolean): string {
  const attributes = `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
  return session ? `${COOKIE}=${session.id}; ${attributes}` : `${COOKIE}=; ${attributes}; Max-Age=0`;
}

/** Sessions in this process's memory, for an app that runs as one process. */
export class MemorySessionStore implements SessionStore {
  /** In order of last use: the idle ones are at the front, so a sweep stops at the first live one. */
  readonly #sessions = new Map<string, Session & { lastSeen: number }>();
  readonly #idleMs: number;
  readonly #onDestroy: (session: Session) => void;

  constructor(options: { idleMs?: number; onDestroy?: (session: Session) => void } = {}) {
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#onDestroy = options.onDestroy ?? (() => undefined);
  }

  async find(req: IncomingMessage): Promise<Session | undefined> {
    this.#sweep();
    const id = sessionIdOf(req);
    const session = id === undefined ? undefined : this.#sessions.get(id);
    if (!session) return undefined;
    this.#sessions.delete(session.id);
    session.lastSeen = Date.now();
    this.#sessions.set(session.id, session);
    return session;
  }

  async create(user: string, id = newSessionId()): Promise<Session> {
    this.#sweep();
    const session = { id, user, lastSeen: Date.now() };
    this.#sessions.set(session.id, session);
    return session;
  }

  async destroy(session: Session): Promise<void> {
    if (this.#sessions.delete(session.id)) this.#onDestroy(session);
  }

  get size(): number {
    return this.#sessions.size;
  }

  #sweep(): void {
    const now = Date.now();
    for (const session of this.#sessions.values()) {
      if (now - session.lastSeen <= this.#idleMs) break;
      this.#sessions.delete(session.id);
      this.#onDestroy(session);
    }
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
