import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { RedisStoreError } from "./errors.js";

/** One AES-256-GCM key of the app: a short id (stored beside each record) and 32 secret bytes. */
export interface RecordKey {
  /** Letters, digits, `_` and `-`; names the key in stored records so older keys can still decrypt. */
  readonly id: string;
  /** 32 bytes (AES-256). Keep it in a secret store, not in the code or in Redis. */
  readonly key: Uint8Array;
}

/**
 * Encryption of records at rest. The first key encrypts every record written; every key listed decrypts.
 * To rotate: put the new key first and keep the old one after it; records are re-encrypted with the new key
 * on their next save (every refresh), and expire on their own after their TTL; then drop the old key.
 */
export interface RecordEncryption {
  readonly keys: readonly RecordKey[];
}

const FORMAT = "a256gcm";
const PLAIN = "json";

/**
 * Turns a JSON text into what is stored and back. With keys: `a256gcm.<key id>.<iv>.<ciphertext+tag>`
 * (base64url), authenticated with `context` (the Redis key), so a record copied under another user's key
 * does not decrypt. Without keys: `json.<text>`.
 */
export class RecordCipher {
  readonly #keys: ReadonlyMap<string, Uint8Array>;
  readonly #current: RecordKey | undefined;

  constructor(encryption: RecordEncryption | undefined) {
    const keys = encryption?.keys ?? [];
    if (encryption && keys.length === 0) throw new RedisStoreError("failed", "encryption needs at least one key");
    for (const { id, key } of keys) {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
        throw new RedisStoreError("failed", `encryption key ids are 1-32 letters, digits, "_" or "-"`);
      if (!(key instanceof Uint8Array) || key.length !== 32)
        throw new RedisStoreError("failed", `encryption key ${id} must be 32 bytes`);
    }
    this.#keys = new Map(keys.map(({ id, key }) => [id, key]));
    if (this.#keys.size !== keys.length) throw new RedisStoreError("failed", "encryption key ids must be unique");
    this.#current = keys[0];
  }

  seal(text: string, context: string): string {
    const current = this.#current;
    if (!current) return `${PLAIN}.${text}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", current.key, iv);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(text, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}.${current.id}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
  }

  /**
   * The JSON text, or `undefined` for anything this cipher cannot vouch for: an unknown key id, a failed
   * authentication, or a plain record while encryption is on (a planted record must not be trusted).
   */
  open(stored: string, context: string): string | undefined {
    if (stored.startsWith(`${PLAIN}.`)) return this.#current ? undefined : stored.slice(PLAIN.length + 1);
    const [format, id, iv, sealed] = stored.split(".");
    const key = id === undefined ? undefined : this.#keys.get(id);
    if (format !== FORMAT || !key || !iv || !sealed) return undefined;
    try {
      const bytes = Buffer.from(sealed, "base64url");
      if (bytes.length < 16) return undefined;
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
    } catch {
      return undefined;
    }
  }
}
