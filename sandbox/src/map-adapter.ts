/**
 * An oidc-provider storage adapter over one Map per stand-in (oidc-provider's own memory adapter shares a
 * module-wide LRU between providers). Keeps a grant index so a user's grant can be revoked with every
 * token issued under it.
 */
type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

interface Entry {
  payload: Payload;
  expiresAt: number | undefined;
}

export class MapAdapterStorage {
  readonly #entries = new Map<string, Entry>();
  readonly #byGrant = new Map<string, Set<string>>();
  readonly #byUid = new Map<string, string>();
  readonly #byUserCode = new Map<string, string>();

  /** The class oidc-provider instantiates once per model name. */
  adapterClass(): new (name: string) => object {
    // The storage is captured for the class below, whose methods have their own `this`.
    const storage = this;
    return class MapAdapter {
      readonly name: string;
      constructor(name: string) {
        this.name = name;
      }
      key(id: string): string {
        return `${this.name}:${id}`;
      }
      async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
        const key = this.key(id);
        storage.#entries.set(key, {
          payload: structuredClone(payload),
          expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined,
        });
        if (payload.grantId) {
          if (!storage.#byGrant.has(payload.grantId)) storage.#byGrant.set(payload.grantId, new Set());
          storage.#byGrant.get(payload.grantId)!.add(key);
        }
        if (payload.uid) storage.#byUid.set(payload.uid, id);
        if (payload.userCode) storage.#byUserCode.set(payload.userCode, id);
      }
      async find(id: string): Promise<Payload | undefined> {
        return storage.get(this.key(id));
      }
      async findByUid(uid: string): Promise<Payload | undefined> {
        const id = storage.#byUid.get(uid);
        return id === undefined ? undefined : this.find(id);
      }
      async findByUserCode(userCode: string): Promise<Payload | undefined> {
        const id = storage.#byUserCode.get(userCode);
        return id === undefined ? undefined : this.find(id);
      }
      async consume(id: string): Promise<void> {
        const entry = storage.#entries.get(this.key(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      }
      async destroy(id: string): Promise<void> {
        storage.#entries.delete(this.key(id));
      }
      async revokeByGrantId(grantId: string): Promise<void> {
        storage.revokeByGrantId(grantId);
      }
    };
  }

  get(key: string): Payload | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // An expired device code stays readable for a while, so that a poll gets `expired_token` (as from an
    // identity domain) rather than `invalid_grant`; oidc-provider checks the expiry itself.
    const graceMs = key.startsWith("DeviceCode:") ? 10 * 60_000 : 0;
    if (entry.expiresAt !== undefined && Date.now() > entry.expiresAt + graceMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return structuredClone(entry.payload);
  }

  /** Deletes the grant and everything issued under it (codes, access and refresh tokens). */
  revokeByGrantId(grantId: string): void {
    for (const key of this.#byGrant.get(grantId) ?? []) this.#entries.delete(key);
    this.#byGrant.delete(grantId);
    this.#entries.delete(`Grant:${grantId}`);
  }
}
