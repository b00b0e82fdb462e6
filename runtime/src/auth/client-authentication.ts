import type * as oidc from "openid-client";
import { OIC_CONFIGURATION } from "../error-codes.js";
import { OicError } from "../errors.js";
import { importSigningKey, type PrivateKeyInput } from "./private-key.js";
import { randomJti, signJwt } from "./signed-jwt.js";

/** The audience identity domains expect in client and user assertions. */
export const IDCS_ASSERTION_AUDIENCE = "https://identity.oraclecloud.com/";

/**
 * How the confidential application proves who it is with a key instead of a secret (`private_key_jwt`):
 * every token request carries a short-lived assertion signed with the private key whose certificate is
 * uploaded to the application. The same key signs user assertions ({@link userAssertion}).
 */
export interface ClientKeyOptions {
  /** The private key (RS256). See {@link PrivateKeyInput}; never logged or sent. */
  privateKey: PrivateKeyInput;
  /** Header `kid`: the alias given to the certificate when it was uploaded to the application. Give this or `x5t`. */
  kid?: string;
  /** Header `x5t`: base64url SHA-1 thumbprint of the uploaded certificate, instead of `kid`. */
  x5t?: string;
  /**
   * Claim `aud`. Default `https://identity.oraclecloud.com/` (Oracle's pages show it with and without the
   * trailing slash; give the other spelling here if your domain wants it).
   */
  audience?: string;
  /** Lifetime of each assertion in seconds (`exp - iat`). Default 60. */
  lifetimeSeconds?: number;
}

/** A {@link ClientKeyOptions} with the key imported, ready to sign. */
export interface ClientKey {
  readonly clientId: string;
  readonly header: Readonly<Record<string, string>>;
  readonly audience: string;
  readonly lifetimeSeconds: number;
  readonly key: CryptoKey;
}

/** Checks the options now (kid or x5t, lifetime) and imports the key. */
export async function loadClientKey(clientId: string, options: ClientKeyOptions): Promise<ClientKey> {
  const header = assertionHeader(options);
  const lifetimeSeconds = options.lifetimeSeconds ?? 60;
  if (!(lifetimeSeconds > 0 && lifetimeSeconds <= 3600))
    throw new OicError(OIC_CONFIGURATION, "clientKey.lifetimeSeconds must be between 1 and 3600");
  return {
    clientId,
    header,
    audience: options.audience ?? IDCS_ASSERTION_AUDIENCE,
    lifetimeSeconds,
    key: await importSigningKey(options.privateKey, "clientKey.privateKey"),
  };
}

export function assertionHeader(options: { kid?: string; x5t?: string }): Record<string, string> {
  if (!options.kid && !options.x5t)
    throw new OicError(
      OIC_CONFIGURATION,
      "clientKey needs kid (the certificate alias uploaded to the application) or x5t",
    );
  return {
    alg: "RS256",
    typ: "JWT",
    ...(options.kid ? { kid: options.kid } : {}),
    ...(options.x5t ? { x5t: options.x5t } : {}),
  };
}

/** A signed assertion about `subject` (the client itself, or a user), fresh `jti` each time. */
export function signAssertion(
  clientKey: ClientKey,
  subject: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: clientKey.clientId,
    sub: subject,
    aud: clientKey.audience,
    iat: now,
    exp: now + clientKey.lifetimeSeconds,
    jti: randomJti(),
    ...extra,
  };
  return signJwt(clientKey.header, payload, clientKey.key);
}

/**
 * openid-client's client authentication for `private_key_jwt`, with the claims identity domains document:
 * `iss` = `sub` = client id, `aud` = the configured audience, `iat`, `exp`, `jti`; header `kid` or `x5t`.
 */
export function privateKeyJwt(clientKey: ClientKey): oidc.ClientAuth {
  return async (_server, client, body) => {
    body.set("client_id", client.client_id);
    body.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    body.set("client_assertion", await signAssertion(clientKey, client.client_id));
  };
}
