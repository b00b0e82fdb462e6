/** RSA key pairs made on the fly for signed assertions (nothing is vendored: a key in a repo is a leaked key). */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";

export interface TestKey {
  privateKey: KeyObject;
  /** PKCS #8 PEM, as `openssl genpkey` writes it. */
  pkcs8Pem: string;
  /** PKCS #1 PEM, as older `openssl genrsa` writes it. */
  pkcs1Pem: string;
  /** SPKI PEM: what the stand-in is given as the uploaded certificate's key. */
  publicPem: string;
}

export function rsaKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey,
    pkcs8Pem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    pkcs1Pem: privateKey.export({ format: "pem", type: "pkcs1" }).toString(),
    publicPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

/** An assertion signed by hand, with any claims, for checks the runtime would never let happen. */
export function signedAssertion(key: KeyObject, kid: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(key);
}
