// Server-side sessions: the browser only ever holds a random session id in an HttpOnly cookie. The pending
// login (state, PKCE verifier, nonce) and the user's tokens stay here, on the server.
//
// This is an in-memory store for one process. In a real app, use your framework's session store (Redis,
// a database...) and implement `TokenStore` on top of it, with a `lock` that works across your processes.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AuthorizationCodeAuth, PendingLogin, StoredTokens, TokenStore } from "@oic-gen/runtime";

export interface Session {
  readonly id: string;
  /** The login in progress, between /login and /callback. */
  pending?: { login: PendingLogin; returnTo: string };
  /** Who is signed in (the ID token's `sub`), once /callback succeeded. */
  user?: string;
  /** This user's tokens (never sent to the browser). */
  readonly tokens: SessionTokenStore;
  /** This user's OIC authentication: one per session, so renewals of one user run one at a time. */
  auth?: AuthorizationCodeAuth;
  lastSeen: number;
}

/** A per-user {@link TokenStore} that keeps the tokens in the server-side session. */
export class SessionTokenStore implements TokenStore {
  #tokens: StoredTokens | undefined;
  async load(): Promise<StoredTokens | undefined> {
    return this.#tokens;
  }
  async save(tokens: StoredTokens): Promise<void> {
    this.#tokens = tokens;
  }
  async clear(): Promise<void> {
    this.#tokens = undefined;
  }
  // No `lock`: one process, and one `authorizationCode` per session, which serialises its own renewals.
}

const COOKIE = "sid";
const ID = /^[A-Za-z0-9_-]{43}$/;

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #idleMs: number;
  readonly #secure: boolean;

  constructor(options: { idleMs?: number; secureCookie: boolean }) {
    this.#idleMs = options.idleMs ?? 8 * 60 * 60_000;
    this.#secure = options.secureCookie;
  }

  /** The session named by the request's cookie, if it exists and is not idle for too long. */
  find(req: IncomingMessage): Session | undefined {
    const id = readCookie(req.headers.cookie, COOKIE);
    if (!id || !ID.test(id)) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (Date.now() - session.lastSeen > this.#idleMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.lastSeen = Date.now();
    return session;
  }

  /**
   * A new, empty session with a fresh random id (256 bits). A sign-in always ends in a new session, so an
   * id planted before the sign-in (session fixation) never becomes a signed-in session.
   */
  create(): Session {
    this.#sweep();
    const session: Session = { id: randomBytes(32).toString("base64url"), tokens: new SessionTokenStore(), lastSeen: Date.now() };
    this.#sessions.set(session.id, session);
    return session;
  }

  destroy(session: Session): void {
    this.#sessions.delete(session.id);
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** The Set-Cookie value that names `session` (or deletes the cookie, for `undefined`). */
  cookie(session: Session | undefined): string {
    const attributes = `Path=/; HttpOnly; SameSite=Lax${this.#secure ? "; Secure" : ""}`;
    return session ? `${COOKIE}=${session.id}; ${attributes}` : `${COOKIE}=; ${attributes}; Max-Age=0`;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [id, session] of this.#sessions) if (now - session.lastSeen > this.#idleMs) this.#sessions.delete(id);
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
