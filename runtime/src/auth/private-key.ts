import { OIC_CONFIGURATION } from "../error-codes.js";
import { OicError } from "../errors.js";

/**
 * A Node.js `KeyObject`, described by the one method used here, so that the web entry's types carry no Node
 * types: `createPrivateKey(pem)` from `node:crypto` gives one.
 */
export interface PrivateKeyObjectLike {
  readonly type: string;
  export(options: { format: "der"; type: "pkcs8" }): Uint8Array;
}

/**
 * An RSA private key that signs assertions (RS256): a web `CryptoKey` (with the `sign` usage), a PEM text
 * (`-----BEGIN PRIVATE KEY-----`, PKCS #8, or `-----BEGIN RSA PRIVATE KEY-----`, PKCS #1; not encrypted), or a
 * Node.js `KeyObject`. `readPrivateKey(path)` from `@oic-gen/runtime/node` reads a PEM file (encrypted too).
 */
export type PrivateKeyInput = CryptoKey | string | PrivateKeyObjectLike;

const RS256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/**
 * Imports `key` as a non-extractable RS256 signing key. Errors never quote the key: they only say what
 * kind of value was given.
 */
export async function importSigningKey(key: PrivateKeyInput, what = "clientKey"): Promise<CryptoKey> {
  if (typeof key === "string") return importDer(pemToPkcs8(key, what), what);
  if (isCryptoKey(key)) {
    if (key.type !== "private" || key.algorithm.name !== RS256.name || !key.usages.includes("sign")) {
      throw new OicError(
        OIC_CONFIGURATION,
        `${what} must be an RSASSA-PKCS1-v1_5 (RS256) private CryptoKey with the "sign" usage`,
      );
    }
    return key;
  }
  if (typeof key === "object" && key !== null && typeof (key as PrivateKeyObjectLike).export === "function") {
    if (key.type !== "private")
      throw new OicError(OIC_CONFIGURATION, `${what} must be a private key, got a ${key.type} key`);
    return importDer(key.export({ format: "der", type: "pkcs8" }), what);
  }
  throw new OicError(OIC_CONFIGURATION, `${what} must be a CryptoKey, a PEM text or a KeyObject`);
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== "undefined" && value instanceof CryptoKey;
}

async function importDer(der: Uint8Array, what: string): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey("pkcs8", der as Uint8Array<ArrayBuffer>, RS256, false, ["sign"]);
  } catch {
    throw new OicError(
      OIC_CONFIGURATION,
      `${what} is not an RSA private key that can sign RS256 (identity domains accept RS256 only)`,
    );
  }
}

/** PEM → PKCS #8 DER; a PKCS #1 `RSA PRIVATE KEY` is wrapped into PKCS #8, which web crypto imports. */
function pemToPkcs8(pem: string, what: string): Uint8Array {
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match)
    throw new OicError(OIC_CONFIGURATION, `${what} is not a PEM private key (expected -----BEGIN PRIVATE KEY-----)`);
  const label = match[1]!;
  if (label === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(match[2]!)) {
    throw new OicError(
      OIC_CONFIGURATION,
      `${what} is encrypted: read it with readPrivateKey(path, { passphrase }) from @oic-gen/runtime/node`,
    );
  }
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(match[2]!.replace(/\s+/g, "")), (c) => c.charCodeAt(0));
  } catch {
    throw new OicError(OIC_CONFIGURATION, `${what} is not a PEM private key (its base64 does not decode)`);
  }
  if (label === "PRIVATE KEY") return der;
  if (label === "RSA PRIVATE KEY") return wrapPkcs1(der);
  throw new OicError(OIC_CONFIGURATION, `${what} is a PEM "${label}", not a private key`);
}

// PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm SEQUENCE { rsaEncryption OID, NULL }, privateKey OCTET STRING }
const RSA_ALGORITHM = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

function wrapPkcs1(pkcs1: Uint8Array): Uint8Array {
  const body = [0x02, 0x01, 0x00, ...RSA_ALGORITHM, 0x04, ...derLength(pkcs1.length)];
  const total = body.length + pkcs1.length;
  const out = new Uint8Array(1 + derLength(total).length + total);
  out.set([0x30, ...derLength(total), ...body]);
  out.set(pkcs1, out.length - pkcs1.length);
  return out;
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
