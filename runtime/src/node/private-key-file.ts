import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { OicError } from "../errors.js";
import { importSigningKey } from "../auth/private-key.js";

/**
 * Reads a PEM private key file (PKCS #8 or PKCS #1, encrypted with `passphrase` or not) as an RS256 signing
 * `CryptoKey` for `clientKey.privateKey`. Errors name the file, never its content.
 *
 * @example
 * ```ts
 * const clientKey = { privateKey: await readPrivateKey("oic-gen-key.pem"), kid: "oic-gen" };
 * ```
 */
export async function readPrivateKey(path: string, options: { passphrase?: string } = {}): Promise<CryptoKey> {
  let pem: Buffer;
  try {
    pem = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new OicError(
      "OIC_CONFIGURATION",
      `cannot read the private key file ${path}${typeof code === "string" ? ` (${code})` : ""}`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({
      key: pem,
      format: "pem",
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
    });
  } catch {
    throw new OicError(
      "OIC_CONFIGURATION",
      `${path} is not a PEM private key${options.passphrase === undefined ? " (or it is encrypted: give its passphrase)" : " (or the passphrase is wrong)"}`,
    );
  } finally {
    pem.fill(0);
  }
  return importSigningKey(key, path);
}
